package laminar.model.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import laminar.LaminarException;

import java.nio.file.Path;

/**
 * Fuzzes the safetensors header parser: any header bytes either parse into tensors that lie inside the data, or
 * give a {@link LaminarException}; any other exception (or a hang, or running out of memory) is a finding. The
 * input is the header's JSON bytes, read against a small and a huge data section. {@code mvn verify} runs the
 * committed corpus in {@code SafeTensorsHeaderFuzzTestInputs/header/}; {@code -Pfuzz} fuzzes (see DEVELOPERS.md).
 */
class SafeTensorsHeaderFuzzTest {

    private static final Path FILE = Path.of("fuzz.safetensors");

    @FuzzTest(maxDuration = "5m")
    void header(@NotNull byte[] header) {
        for (long dataLength : new long[] {64, 1L << 40}) {
            try {
                SafeTensorsFile.Header h = SafeTensorsFile.parseHeader(FILE, header, dataLength);
                for (SafeTensorsFile.Tensor t : h.tensors().values()) {
                    if (t.end() > dataLength || t.end() - t.begin() != t.elements() * t.dtype().bytes()) {
                        throw new AssertionError("accepted a tensor outside the data or of the wrong size: " + t.name());
                    }
                }
            } catch (LaminarException expected) {
                // refused with a message: fine
            }
        }
    }
}
