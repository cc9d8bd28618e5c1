package dev.berth.testkit;

import dev.berth.api.JobListener;
import java.nio.file.Path;
import java.util.Map;

class EventLogListenerContractTest extends JobListenerContract {

  @Override
  protected JobListener createListener(Path workDir) {
    return new EventLogListener(context("event-log", Map.of()));
  }
}
