package laminar.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** GPT-2's byte-to-unicode table ({@code bytes_to_unicode} of the original encoder): printable symbols per byte. */
final class ByteLevel {

    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
        }
    }

    private ByteLevel() {
    }

    /** The symbol of byte {@code b} (0-255). */
    static char symbol(int b) {
        return BYTE_TO_CHAR[b & 0xff];
    }

    /** The byte-level symbols of {@code text}'s UTF-8 bytes (e.g. {@code " galaxy"} → {@code "Ġgalaxy"}). */
    static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            sb.append(symbol(b));
        }
        return sb.toString();
    }

    /** The text a token's symbols stand for (invalid UTF-8 shown with replacement characters). */
    static String decode(String symbols) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            int b = -1;
            for (int j = 0; j < 256; j++) {
                if (BYTE_TO_CHAR[j] == c) {
                    b = j;
                    break;
                }
            }
            if (b < 0) {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
