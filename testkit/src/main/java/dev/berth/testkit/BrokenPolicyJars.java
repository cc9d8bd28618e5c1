package dev.berth.testkit;

import java.nio.file.Path;

/**
 * Real policy plugin jars that misbehave on purpose, for the tests that show the host fails closed:
 * no shipped plugin throws or forgets a GPU, so the tests build their own.
 */
public final class BrokenPolicyJars {
  private BrokenPolicyJars() {}

  /** Plugin {@code pluginId}: a policy whose {@code judge} always throws {@code message}. */
  public static Path throwing(Path dir, String pluginId, String message) {
    String pkg = "com.example." + pluginId.replaceAll("[^A-Za-z0-9]", "");
    return new PluginJarBuilder(pluginId, "1.0.0").source(pkg + ".ThrowingPolicy", """
        package %s;

        import dev.berth.api.AvailabilityPolicy;
        import dev.berth.api.AvailabilityVerdict;
        import dev.berth.api.PluginContext;
        import dev.berth.api.ResourceSnapshot;
        import org.pf4j.Extension;

        @Extension
        public final class ThrowingPolicy implements AvailabilityPolicy {
          public ThrowingPolicy(PluginContext context) {}

          @Override
          public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
            throw new IllegalStateException("%s");
          }
        }
        """.formatted(pkg, message.replace("\\", "\\\\").replace("\"", "\\\""))).build(dir);
  }

  /** Plugin {@code pluginId}: a buggy policy that judges only each node's first GPU. */
  public static Path firstGpuOnly(Path dir, String pluginId) {
    String pkg = "com.example." + pluginId.replaceAll("[^A-Za-z0-9]", "");
    return new PluginJarBuilder(pluginId, "1.0.0").source(pkg + ".FirstGpuOnly", """
        package %s;

        import dev.berth.api.AvailabilityPolicy;
        import dev.berth.api.AvailabilityVerdict;
        import dev.berth.api.GpuVerdict;
        import dev.berth.api.NodeVerdict;
        import dev.berth.api.PluginContext;
        import dev.berth.api.ResourceSnapshot;
        import java.util.List;
        import org.pf4j.Extension;

        @Extension
        public final class FirstGpuOnly implements AvailabilityPolicy {
          public FirstGpuOnly(PluginContext context) {}

          @Override
          public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
            return new AvailabilityVerdict(snapshot.nodes().stream()
                .map(n -> new NodeVerdict(n.name(), List.of(),
                    List.of(new GpuVerdict(n.gpus().get(0).index(), List.of()))))
                .toList());
          }
        }
        """.formatted(pkg)).build(dir);
  }
}
