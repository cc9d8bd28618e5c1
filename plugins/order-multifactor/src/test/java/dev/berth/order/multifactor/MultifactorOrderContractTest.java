package dev.berth.order.multifactor;

import dev.berth.api.QueueOrder;
import dev.berth.testkit.QueueOrderContract;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;

class MultifactorOrderContractTest extends QueueOrderContract {

  @Override
  protected QueueOrder createOrder(Path workDir) {
    return new MultifactorOrder(new TestPluginContext("multifactor", Map.of(), new SettableClock(), workDir));
  }
}
