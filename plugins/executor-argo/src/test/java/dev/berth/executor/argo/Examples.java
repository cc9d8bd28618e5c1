package dev.berth.executor.argo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The files the repository ships in {@code examples/argo/}, read as a user would use them. */
final class Examples {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Examples() {}

  /** {@code examples/argo/<name>}, found from the module's directory (where tests run). */
  static Path file(String name) {
    Path path = Path.of("..", "..", "examples", "argo", name).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new AssertionError("missing example " + path);
    }
    return path;
  }

  /** Every YAML document in the example file. */
  static List<Map<String, Object>> documents(String name) {
    try {
      ObjectReader reader = YAML.readerFor(new TypeReference<Map<String, Object>>() {});
      List<Map<String, Object>> out = new ArrayList<>();
      try (var docs = reader.<Map<String, Object>>readValues(Files.readString(file(name)))) {
        while (docs.hasNextValue()) {
          Map<String, Object> doc = docs.nextValue();
          if (doc != null) {
            out.add(doc);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses YAML text into maps and lists. */
  static Map<String, Object> parse(String yaml) {
    try {
      return YAML.readValue(yaml, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
