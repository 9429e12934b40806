package laminar.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class MadviseTest {

    @TempDir
    Path dir;

    /** 3 pages + 100 bytes of known ints, mapped from an offset that is not page-aligned (as tensors are). */
    @Test
    void populatesAMappingFromAnUnalignedOffsetWithoutChangingIt() throws IOException {
        int ints = (3 * 4096 + 100) / 4;
        ByteBuffer b = ByteBuffer.allocate(4 * ints).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ints; i++) {
            b.putInt(i * 31 + 7);
        }
        Path file = Files.write(dir.resolve("data.bin"), b.array());
        long offset = 4 * 123;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            MemorySegment m = ch.map(FileChannel.MapMode.PRIVATE, offset, 4L * ints - offset, arena);
            Madvise.Outcome outcome = Madvise.populate(m);
            if (isLinux()) {
                // the build machines run Linux ≥ 5.14 (MADV_POPULATE_READ); an older kernel falls back to touching
                assertThat(outcome).isIn(Madvise.Outcome.POPULATED, Madvise.Outcome.TOUCHED);
            }
            for (int i = 0; i < m.byteSize() / 4; i++) {
                assertThat(m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i))
                        .isEqualTo((i + 123) * 31 + 7);
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(b.array());
        }
    }

    @Test
    void anEmptyRangeIsNothingToDo() {
        assertThat(Madvise.populate(MemorySegment.NULL)).isIn(Madvise.Outcome.POPULATED,
                Madvise.Outcome.UNAVAILABLE);
    }

    @Test
    void memoryThatIsNotAFileMappingIsStillReadable() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(5 * 4096, 4096);
            m.fill((byte) 3);
            Madvise.populate(m);
            assertThat(m.get(ValueLayout.JAVA_BYTE, 5 * 4096 - 1)).isEqualTo((byte) 3);
        }
    }

    static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }
}
