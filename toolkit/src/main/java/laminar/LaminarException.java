package laminar;

/**
 * A problem with the user's input (file, option, checkpoint) that the user can fix. Its message names the
 * problem and the fix in one line; the command line prints it and exits with status 2.
 */
public class LaminarException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LaminarException(String message) {
        super(message);
    }

    public LaminarException(String message, Throwable cause) {
        super(message, cause);
    }
}
