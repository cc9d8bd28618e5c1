package dev.berth.testkit;

import dev.berth.api.HasSettings;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.PluginContext;
import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A small but real listener for the listener contract: appends one line per event to {@code
 * events.log} in its data directory, with a setting, and a file to close.
 */
final class EventLogListener implements JobListener, HasSettings, AutoCloseable {

  static final SettingDescriptor INCLUDE_MESSAGES =
      new SettingDescriptor("includeMessages", dev.berth.api.SettingType.BOOLEAN, "true", null, null,
          "Whether each line ends with the event's message.");

  private final PluginContext context;
  private BufferedWriter out;

  EventLogListener(PluginContext context) {
    this.context = context;
  }

  @Override
  public SettingsSchema settingsSchema() {
    return new SettingsSchema(context.pluginId(), "Event log", List.of(INCLUDE_MESSAGES));
  }

  @Override
  public synchronized void onEvent(JobEvent event, Job job) {
    boolean messages = Boolean.parseBoolean(context.settings().values().get(INCLUDE_MESSAGES.key()));
    try {
      if (out == null) {
        out = Files.newBufferedWriter(context.dataDir().resolve("events.log"), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      out.write(event.jobId() + " " + event.from() + " -> " + event.to()
          + (messages && event.message() != null ? " " + event.message() : ""));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
