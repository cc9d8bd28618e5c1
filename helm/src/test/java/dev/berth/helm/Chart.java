package dev.berth.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The chart under test, driven through helm-java: Helm's own Go code loaded in-process, so lint and
 * template behave exactly as the helm CLI of that version, with no binary and no cluster.
 */
final class Chart {
  /** The reference design installs into the namespace Argo runs in. */
  static final String NAMESPACE = "argo";

  static final String RELEASE = "berth";

  private Chart() {}

  static Path directory() {
    return Path.of(System.getProperty("berth.chart", "berth")).toAbsolutePath().normalize();
  }

  static LintResult lintStrict() {
    return new Helm(directory()).lint().strict().call();
  }

  /** Renders the default values. */
  static Manifests render() {
    return render(Map.of());
  }

  /** Renders with {@code --set key=value} for each entry. */
  static Manifests render(Map<String, String> sets) {
    return new Manifests(template(null, sets));
  }

  /** Renders with a values file from src/test/resources/values (for example "external-redis.yaml"). */
  static Manifests renderWith(String valuesFile) {
    return renderWith(valuesFile, Map.of());
  }

  static Manifests renderWith(String valuesFile, Map<String, String> sets) {
    return new Manifests(template(valuesFile(valuesFile), sets));
  }

  /** The raw output of helm template, or the exception Helm raised. */
  static String template(Path valuesFile, Map<String, String> sets) {
    TemplateCommand command = new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (valuesFile != null) {
      command.withValuesFile(valuesFile);
    }
    sets.forEach(command::set);
    return command.call();
  }

  static Path valuesFile(String name) {
    URL url = Chart.class.getResource("/values/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test values file " + name);
    }
    try {
      Path path = Path.of(url.toURI());
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("not a file: " + path);
      }
      return path;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
