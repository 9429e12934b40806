package laminar.report.html;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Fills the page template ({@code page.html}) with the style, Apache ECharts (read from its WebJar on the
 * classpath), the page's scripts and its data as JSON, so the report is one file that opens offline from disk.
 * The data is written with Gson's HTML-safe escaping ({@code <} as {@code \u003c}): a word can never end the
 * script element it sits in.
 */
final class HtmlPage {

    /** Which scripts a page runs after the shared ones. */
    enum Kind {
        RUN("run.js"), COMPARE("compare.js");

        private final String script;

        Kind(String script) {
            this.script = script;
        }
    }

    private static final String HERE = "/laminar/report/html/";
    private static final String ECHARTS_POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private HtmlPage() {
    }

    /** The whole page. */
    static String render(Kind kind, String title, JsonObject data) {
        String app = resource(HERE + "common.js") + "\n" + resource(HERE + kind.script) + "\n"
                + resource(HERE + "selftest.js");
        return fill(resource(HERE + "page.html"), Map.of(
                "TITLE", escape(title),
                "STYLE", resource(HERE + "report.css"),
                "DATA", new Gson().toJson(data),
                "ECHARTS", echarts(),
                "APP", app));
    }

    /** ECharts' minified bundle from the WebJar whose version its pom.properties names. */
    static String echarts() {
        Properties p = new Properties();
        try (InputStream in = HtmlPage.class.getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the classpath (" + ECHARTS_POM + ")");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource("/META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/dist/echarts.min.js");
    }

    /** Replaces each {@code {{NAME}}} of the template in one pass (inserted text is never scanned again). */
    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            int close = open < 0 ? -1 : template.indexOf("}}", open);
            if (close < 0) {
                return out.append(template, at, template.length()).toString();
            }
            String name = template.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("page.html names no value {{" + name + "}}");
            }
            out.append(template, at, open).append(value);
            at = close + 2;
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String path) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
