package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugins page over real HTTP: the list, and uploads that load a real plugin jar without restart. */
class PluginsPageTest {
  @TempDir static Path tmp;
  static WebBerth berth;

  @BeforeAll
  static void start() {
    berth = WebBerth.start(tmp.resolve("berth"), tmp.resolve("none/nvidia-smi"), """
        web:
          maxPluginJarMiB: 1
        """);
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  @Test
  void everyPluginIsListedWithItsExtensionsAndWhichAreActive() {
    String body = berth.http.get("/admin/plugins").body();
    assertThat(body).contains("data-plugin=\"sqlite\"", "data-plugin=\"local\"", "data-plugin=\"nvidia-smi\"",
        "data-plugin=\"thresholds\"", "data-plugin=\"fifo\"", "QueueStore", "dev.berth.store.sqlite", "STARTED",
        "badge ok\">active", "enctype=\"multipart/form-data\"");
  }

  @Test
  void anUploadedPluginIsSavedLoadedAndListedWithoutRestart() throws Exception {
    Path jar = TestPluginJar.build(Files.createDirectories(tmp.resolve("build")), "lifo");
    WebHttp.Response r = berth.http.upload("/admin/plugins", "jar", "lifo-1.0.0.jar", Files.readAllBytes(jar));
    assertThat(r.status()).as(r.body()).isEqualTo(303);
    assertThat(Files.exists(berth.services().config().pluginsDir().resolve("lifo-1.0.0.jar"))).isTrue();
    assertThat(berth.services().plugins().plugins()).anySatisfy(p -> {
      assertThat(p.id()).isEqualTo("lifo");
      assertThat(p.state()).isEqualTo("STARTED");
    });
    String body = berth.http.get("/admin/plugins").body();
    assertThat(body).contains("data-plugin=\"lifo\"", "com.example.lifo.LifoOrder",
        "set extensions.order: lifo in berth.yaml; takes effect after restart");

    WebHttp.Response twice = berth.http.upload("/admin/plugins", "jar", "lifo-copy.jar", Files.readAllBytes(jar));
    assertThat(twice.status()).isEqualTo(422);
    assertThat(twice.body()).contains("plugin 'lifo' is already installed");
  }

  @Test
  void aPluginWhoseStartFailsIsUnloadedAndItsJarRemovedSoAFixedOneCanBeUploaded() throws Exception {
    Path broken = TestPluginJar.buildFailingOnStart(Files.createDirectories(tmp.resolve("broken")), "flaky");
    WebHttp.Response refused = berth.http.upload("/admin/plugins", "jar", "flaky-1.0.0.jar", Files.readAllBytes(broken));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"upload-error\"", "plugin 'flaky' did not start",
        "the example plugin refuses to start").doesNotContain("Exception:");
    assertThat(berth.services().plugins().plugins()).noneMatch(p -> p.id().equals("flaky"));
    assertThat(Files.exists(berth.services().config().pluginsDir().resolve("flaky-1.0.0.jar"))).isFalse();

    Path fixed = TestPluginJar.build(Files.createDirectories(tmp.resolve("fixed")), "flaky");
    WebHttp.Response installed = berth.http.upload("/admin/plugins", "jar", "flaky-1.0.0.jar", Files.readAllBytes(fixed));
    assertThat(installed.status()).as(installed.body()).isEqualTo(303);
    assertThat(berth.services().plugins().plugins()).anySatisfy(p -> {
      assertThat(p.id()).isEqualTo("flaky");
      assertThat(p.state()).isEqualTo("STARTED");
      assertThat(p.extensions()).isNotEmpty();
    });
  }

  @Test
  void badUploadsAreRefusedInlineAndLeaveNothingBehind() throws Exception {
    WebHttp.Response notZip = berth.http.upload("/admin/plugins", "jar", "junk.jar", "not a zip".getBytes());
    assertThat(notZip.status()).isEqualTo(422);
    assertThat(notZip.body()).contains("junk.jar is not a jar (zip) file", "id=\"upload-error\"");

    Path plain = tmp.resolve("plain.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(plain), new java.util.jar.Manifest())) {
      out.putNextEntry(new java.util.jar.JarEntry("x.txt"));
      out.write(1);
    }
    WebHttp.Response noId = berth.http.upload("/admin/plugins", "jar", "plain.jar", Files.readAllBytes(plain));
    assertThat(noId.body()).contains("has no Plugin-Id in its manifest");

    WebHttp.Response badName = berth.http.upload("/admin/plugins", "jar", "../evil.sh", Files.readAllBytes(plain));
    assertThat(badName.body()).contains("must be named like plugin-1.0.jar");

    WebHttp.Response empty = berth.http.upload("/admin/plugins", "jar", "", new byte[0]);
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.body()).contains("choose a plugin jar");

    try (var files = Files.list(berth.services().config().pluginsDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.equals("junk.jar") || n.equals("plain.jar") || n.endsWith(".part") || n.contains("evil"));
    }
  }

  @Test
  void aJarOverTheLimitIsRefusedWithTheLimitNamed() {
    WebHttp.Response big = berth.http.upload("/admin/plugins", "jar", "big.jar", new byte[2 * 1024 * 1024 + 17]);
    assertThat(big.status()).isIn(413, 422);
    assertThat(big.body()).contains("at most 1 MiB").doesNotContain("Exception");
    assertThat(berth.http.get("/admin/plugins").body()).contains("(at most 1 MiB)");
  }
}
