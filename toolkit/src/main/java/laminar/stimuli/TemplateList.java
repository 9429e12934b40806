package laminar.stimuli;

import laminar.LaminarException;
import laminar.json.StrictJson;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The sentence templates of a run: {@code --template} given once or repeated, or a {@code --templates} file (UTF-8,
 * one template per line with {@code {word}} once; {@code #} comments and blank lines ignored). Each template appears
 * once: results are keyed by it.
 */
public final class TemplateList {

    private TemplateList() {
    }

    /**
     * The templates of the command line: {@code given} ({@code --template}, null when not given), or those of
     * {@code file} ({@code --templates}, null when not given), or the notebook's template.
     */
    public static List<Template> of(List<String> given, Path file) {
        if (given != null && !given.isEmpty() && file != null) {
            throw new LaminarException("give --template or --templates FILE, not both");
        }
        List<Template> out = new ArrayList<>();
        if (file != null) {
            out.addAll(read(file));
        } else if (given == null || given.isEmpty()) {
            out.add(Template.NOTEBOOK);
        } else {
            given.forEach(text -> out.add(new Template(text)));
        }
        LinkedHashSet<Template> seen = new LinkedHashSet<>();
        for (Template t : out) {
            if (!seen.add(t)) {
                throw new LaminarException("the template \"" + t.text() + "\" is given twice; give each template once");
            }
        }
        return out;
    }

    /** The templates of a file; a line without exactly one {@code {word}} is refused, naming its line. */
    public static List<Template> read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new LaminarException("templates file " + file + " is not UTF-8 text (give one template per line)");
        } catch (IOException e) {
            throw new LaminarException("cannot read templates file " + file + ": " + e.getMessage());
        }
        List<Template> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!Template.valid(line)) {
                throw new LaminarException(file + " line " + (i + 1) + ": '" + StrictJson.printable(line)
                        + "' must contain {word} exactly once (one template per line, e.g. The next word is {word})");
            }
            out.add(new Template(line));
        }
        if (out.isEmpty()) {
            throw new LaminarException(file + " has no templates (one template with {word} per line)");
        }
        return out;
    }
}
