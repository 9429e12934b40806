package laminar.report.html;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlPageTest {

    @Test
    void fillReplacesEachPlaceholderOnceAndNeverScansInsertedText() {
        String out = HtmlPage.fill("<a>{{A}}</a><b>{{B}}</b>", Map.of("A", "{{B}}", "B", "x"));
        assertThat(out).isEqualTo("<a>{{B}}</a><b>x</b>");
        assertThatThrownBy(() -> HtmlPage.fill("{{C}}", Map.of())).hasMessageContaining("{{C}}");
    }

    @Test
    void thePageIsSelfContainedAndAWordCannotCloseItsScript() {
        JsonObject data = new JsonObject();
        data.addProperty("kind", "run");
        data.addProperty("title", "a </script><script>alert(1)</script> & b");
        String page = HtmlPage.render(HtmlPage.Kind.RUN, data.get("title").getAsString(), data);
        assertThat(page).contains("<title>a &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; b</title>");
        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("</script><script>alert");
        assertThat(page).contains("\\u003c/script\\u003e"); // the data's '<' escaped inside the JSON
        assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");
        assertThat(page).contains(HtmlPage.echarts()).contains("L.showLayer").contains("L.selftest");
        assertThat(page).doesNotContain("{{TITLE}}", "{{DATA}}", "{{APP}}", "{{STYLE}}", "{{ECHARTS}}");
    }
}
