package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.web.render.JteFileRenderer;
import dev.berth.web.render.TemplateEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode: templates compile from source and a changed file shows at the next render. */
class DevModeTest {
  @TempDir Path tmp;

  @Test
  void aTemplateEditShowsWithoutARestart() throws Exception {
    Path template = tmp.resolve("hello.jte");
    Files.writeString(template, "@param String name\nHello ${name}!");
    JteFileRenderer renderer = new JteFileRenderer(TemplateEngines.hotReload(tmp));
    assertThat(renderer.renderToString("hello.jte", Map.of("name", "<b>Ada</b>"))).isEqualTo("Hello &lt;b&gt;Ada&lt;/b&gt;!");

    Files.writeString(template, "@param String name\nGoodbye ${name}.");
    Files.setLastModifiedTime(template, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(renderer.renderToString("hello.jte", Map.of("name", "Ada"))).isEqualTo("Goodbye Ada.");
    assertThat(Path.of("extensions.idx")).as("no annotation processor ran on the templates").doesNotExist();
  }

  @Test
  void devModeIsOffUnlessAskedForAndNeedsAnExistingDirectory() {
    assertThat(DevMode.templates(Map.of(), Map.of())).isNull();
    assertThat(DevMode.templates(Map.of("BERTH_WEB_DEV", "true", "BERTH_WEB_TEMPLATES", tmp.toString()), Map.of()))
        .isEqualTo(tmp.toAbsolutePath());
    assertThat(DevMode.templates(Map.of(), Map.of("berth.web.dev", "true", "berth.web.templates", tmp.resolve("none").toString())))
        .isNull();
    // Run from the module directory, as Maven does: the default source directory is not there, the checkout's is.
    assertThat(DevMode.templates(Map.of("BERTH_WEB_DEV", "true"), Map.of("berth.home", "../dist/target/berth")))
        .isEqualTo(Path.of("..").toAbsolutePath().normalize().resolve("web/src/main/jte"));
  }

  @Test
  void thePrecompiledTemplatesAreInTheJar() {
    JteFileRenderer renderer = new JteFileRenderer(TemplateEngines.precompiled());
    var layout = new dev.berth.web.view.Layout("Oops", "", null, "1.0", "", null, false, "");
    String html = renderer.renderToString("error.jte", Map.of("page", new dev.berth.web.view.ErrorPage(layout, 418, "tea")));
    assertThat(html).contains("<title>Oops · Berth</title>", "tea", "HTTP 418");
  }
}
