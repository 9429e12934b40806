package laminar.model;

/**
 * Which token of each sentence is analysed: the last one (Parts 3-7 of the notebook) or a fixed index from the
 * sentence's start (Part 2 uses index 1).
 */
public sealed interface TokenPosition {

    /** The sentence's last token. */
    record Last() implements TokenPosition {
        @Override
        public String toString() {
            return "last";
        }
    }

    /** The token at {@code index} counted from the sentence's first token (0-based). */
    record FromStart(int index) implements TokenPosition {
        public FromStart {
            if (index < 0) {
                throw new IllegalArgumentException("token position must be >= 0, got " + index);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    TokenPosition LAST = new Last();

    /** The column of this position in a right-aligned row of {@code columns} tokens for a sentence of {@code length}. */
    default int column(int length, int columns) {
        int offset = columns - length;
        return switch (this) {
            case Last l -> columns - 1;
            case FromStart f -> {
                if (f.index() >= length) {
                    throw new IllegalArgumentException("token position " + f.index()
                            + " is beyond a sentence of " + length + " tokens");
                }
                yield offset + f.index();
            }
        };
    }
}
