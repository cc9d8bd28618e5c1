package ${package};

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.HasSettings;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * Keeps one GPU of every node free for interactive use, and, when a limit is set, every GPU that
 * runs too hot. Admins change both on the settings page, in the section named after the plugin.
 */
@Extension
public final class ReservedGpuPolicy implements AvailabilityPolicy, HasSettings {

  static final SettingDescriptor RESERVED_GPU =
      SettingDescriptor.integer("reservedGpu", 0, -1, 1024,
          "The GPU index kept free for interactive use on every node; -1 keeps none.");

  static final SettingDescriptor MAX_TEMPERATURE_C =
      SettingDescriptor.integer("maxTemperatureC", 0, 0, 150,
          "A GPU at or above this temperature takes no job, in °C; 0 turns the check off.");

  private final PluginContext context;

  public ReservedGpuPolicy(PluginContext context) {
    this.context = context;
  }

  @Override
  public SettingsSchema settingsSchema() {
    // The section is the plugin id, as the host requires.
    return new SettingsSchema(context.pluginId(), "Reserved GPU", List.of(RESERVED_GPU, MAX_TEMPERATURE_C));
  }

  @Override
  public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
    // The host fills in defaults, so every declared key has a value.
    int reserved = Integer.parseInt(context.settings().values().get(RESERVED_GPU.key()));
    int maxTemperature = Integer.parseInt(context.settings().values().get(MAX_TEMPERATURE_C.key()));
    List<NodeVerdict> nodes = new ArrayList<>();
    for (NodeResources node : snapshot.nodes()) {
      List<GpuVerdict> gpus = new ArrayList<>();
      for (GpuResources gpu : node.gpus()) {
        List<String> reasons = new ArrayList<>();
        if (gpu.index() == reserved) {
          reasons.add(reservedReason(gpu.index()));
        }
        Double temperature = gpu.temperatureC();
        if (maxTemperature > 0 && temperature != null && temperature >= maxTemperature) {
          reasons.add("GPU " + gpu.index() + " temperature " + Math.round(temperature) + " °C ≥ " + maxTemperature + " °C");
        }
        gpus.add(new GpuVerdict(gpu.index(), reasons));
      }
      nodes.add(new NodeVerdict(node.name(), List.of(), gpus));
    }
    return new AvailabilityVerdict(nodes);
  }

  /** What users read under "why is my job waiting" for the reserved GPU. */
  static String reservedReason(int index) {
    return "GPU " + index + " is kept free for interactive use";
  }
}
