package dev.berth.notify.webhook;

import dev.berth.api.JobListener;
import dev.berth.testkit.JobListenerContract;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

class WebhookListenerContractTest extends JobListenerContract {
  @Override
  protected JobListener createListener(Path workDir) {
    return new WebhookListener(new TestPluginContext("webhook", Map.of(), Clock.systemUTC(), workDir));
  }
}
