package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of docs/plugins.md compiles, as written, against berth-plugin-api and
 * berth-testkit: each block is a whole source file, named after its package and first type.
 */
class DocsCodeBlocksTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern TYPE = Pattern.compile("^(?:public )?(?:final )?(?:abstract )?(?:class|interface|record|enum) (\\w+)",
      Pattern.MULTILINE);

  @TempDir Path tmp;

  @Test
  void everyJavaBlockOfThePluginGuideCompiles() throws Exception {
    String docs = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/plugins.md"));
    List<String> files = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(docs);
    while (block.find()) {
      String source = block.group(1);
      Matcher pkg = PACKAGE.matcher(source);
      Matcher type = TYPE.matcher(source);
      assertThat(pkg.find()).as("a package line in:\n" + source).isTrue();
      assertThat(type.find()).as("a top-level type in:\n" + source).isTrue();
      Path file = tmp.resolve("src").resolve(pkg.group(1).replace('.', '/')).resolve(type.group(1) + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      files.add(file.toString());
    }
    assertThat(files).as("Java blocks in docs/plugins.md").hasSizeGreaterThanOrEqualTo(2);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("-proc:none", "-d", tmp.resolve("classes").toString(),
        "-cp", System.getProperty("java.class.path")));
    args.addAll(files);
    int code = javac.run(null, out, out, args.toArray(String[]::new));

    assertThat(code).as("javac says:\n" + out.toString(StandardCharsets.UTF_8)).isZero();
  }
}
