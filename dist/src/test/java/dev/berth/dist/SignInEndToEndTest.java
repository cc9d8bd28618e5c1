package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default install through the real launcher, as the README walks through it: the first start
 * creates the administrator with a random password (file 0600, printed once in the log), the API
 * refuses anonymous callers, the password signs in and makes a token, and a restart neither
 * rewrites the file nor creates another administrator.
 */
class SignInEndToEndTest {
  @TempDir Path tmp;

  @Test
  void theDefaultInstallIsSecureAndItsFirstAdminPasswordIsWrittenOnce() throws Exception {
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(tmp.resolve("no-such/nvidia-smi")));
    Path data = tmp.resolve("data");
    Path file = data.resolve("secrets/initial-admin-password");
    int port = BerthProcess.freePort();
    String password;
    FileTime written;
    try (BerthProcess berth = BerthProcess.serve(config, data, port, tmp.resolve("first.log"), false)) {
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      password = Files.readString(file).trim();
      written = Files.getLastModifiedTime(file);
      assertThat(BerthProcess.read(tmp.resolve("first.log"))).contains(password, "initial-admin-password");

      Http anonymous = new Http(port);
      assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
      assertThat(anonymous.get("/api/v1/queue").status()).isEqualTo(401);
      assertThat(anonymous.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":0}").status()).isEqualTo(401);
      assertThat(anonymous.post("/submit", "application/x-www-form-urlencoded", "user=a&config=c.py&workdir=w").status())
          .isEqualTo(401);

      Http admin = anonymous.as("admin", password);
      Http.Response token = admin.postJson("/api/v1/me/tokens", "{\"name\":\"laptop\"}");
      assertThat(token.status()).isEqualTo(201);
      Http withToken = anonymous.withToken(token.json().get("token").asText());
      assertThat(withToken.get("/api/v1/me").json().get("username").asText()).isEqualTo("admin");
      String id = withToken.submit("{\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}");
      assertThat(withToken.job(id).get("user").asText()).isEqualTo("admin");
    }
    try (BerthProcess again = BerthProcess.serve(config, data, port, tmp.resolve("second.log"), false)) {
      assertThat(Files.readString(file).trim()).isEqualTo(password);
      assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
      assertThat(BerthProcess.read(tmp.resolve("second.log"))).doesNotContain(password);
      assertThat(new Http(port).as("admin", password).get("/api/v1/users").json().get("users")).hasSize(1);
    }
  }
}
