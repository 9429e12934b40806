package laminar.cli;

import laminar.LaminarException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code laminar} command line. Exit codes: 0 success, 2 bad input (one line saying what and how to fix),
 * 1 internal error.
 */
@Command(name = "laminar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Laminar profiles of Q/K/V representations in GPT-2-family models (RSA, category selectivity).",
        subcommands = {RunCommand.class, ExtractCommand.class, AnalyzeCommand.class, DemoCommand.class,
                CompareCommand.class, CompareBackendsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The arguments of the command line being executed, for the report's record of the run. */
    private static volatile java.util.List<String> arguments = java.util.List.of();

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        arguments = java.util.List.of(args);
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof LaminarException) {
                cmd.getErr().println("laminar: " + ex.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("laminar: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("laminar: " + ex.getMessage() + " (see: laminar " + cmd.getCommandName() + " --help)");
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    /** The arguments of the last {@link #execute}. */
    static java.util.List<String> arguments() {
        return arguments;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"laminar " + laminar.report.RunMetadata.version()};
        }
    }
}
