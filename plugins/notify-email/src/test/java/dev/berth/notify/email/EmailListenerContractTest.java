package dev.berth.notify.email;

import dev.berth.api.JobListener;
import dev.berth.testkit.JobListenerContract;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

class EmailListenerContractTest extends JobListenerContract {
  @Override
  protected JobListener createListener(Path workDir) {
    return new EmailListener(new TestPluginContext("email", Map.of(), Clock.systemUTC(), workDir));
  }
}
