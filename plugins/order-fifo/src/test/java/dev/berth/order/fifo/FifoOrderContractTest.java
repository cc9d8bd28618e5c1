package dev.berth.order.fifo;

import dev.berth.api.QueueOrder;
import dev.berth.testkit.QueueOrderContract;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;

class FifoOrderContractTest extends QueueOrderContract {

  @Override
  protected QueueOrder createOrder(Path workDir) {
    return new FifoOrder(new TestPluginContext("fifo", Map.of(), new SettableClock(), workDir));
  }
}
