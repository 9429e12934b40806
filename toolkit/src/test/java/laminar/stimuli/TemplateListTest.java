package laminar.stimuli;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateListTest {

    @Test
    void aFileSkipsCommentsAndBlankLinesAndKeepsTheOrder(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("t.txt");
        Files.writeString(f, "# templates\r\nThe next word is {word}\r\n\r\n  She said {word}  \n");
        assertThat(TemplateList.read(f)).containsExactly(new Template("The next word is {word}"),
                new Template("She said {word}"));
    }

    @Test
    void noTemplateGivenIsTheNotebooks() {
        assertThat(TemplateList.of(null, null)).containsExactly(Template.NOTEBOOK);
        assertThat(TemplateList.of(List.of("A {word}", "B {word}"), null)).hasSize(2);
    }

    @Test
    void badFilesAreRefusedNamingTheLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("t.txt");
        Files.writeString(f, "A {word}\nB {word} and {word}\n");
        assertThatThrownBy(() -> TemplateList.read(f)).isInstanceOf(LaminarException.class)
                .hasMessageContaining("line 2").hasMessageContaining("exactly once");
        Files.writeString(f, "# only a comment\n");
        assertThatThrownBy(() -> TemplateList.read(f)).hasMessageContaining("has no templates");
        Files.write(f, new byte[] {(byte) 0xff, 'A', '\n'});
        assertThatThrownBy(() -> TemplateList.read(f)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> TemplateList.read(tmp.resolve("missing.txt"))).hasMessageContaining("cannot read");
    }
}
