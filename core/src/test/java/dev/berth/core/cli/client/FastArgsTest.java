package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** FastArgs fills a command exactly as picocli does, and declines what it does not handle. */
class FastArgsTest {
  private static void agrees(Supplier<? extends ClientCommand> make, String... args) throws Exception {
    ClientCommand fast = make.get();
    assertThat(FastArgs.fill(fast, args)).as("understood: %s", String.join(" ", args)).isTrue();
    ClientCommand slow = make.get();
    new CommandLine(slow).parseArgs(args);
    assertThat(fields(fast)).as(String.join(" ", args)).isEqualTo(fields(slow));
  }

  private static void declines(Supplier<? extends ClientCommand> make, String... args) {
    assertThat(FastArgs.fill(make.get(), args)).as("declined: %s", String.join(" ", args)).isFalse();
  }

  /** Every instance field, down into groups, by name. */
  private static Map<String, Object> fields(Object o) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object v = f.get(o);
        out.put(c.getSimpleName() + "." + f.getName(),
            v != null && v.getClass().getName().startsWith("dev.berth") ? fields(v) : v);
      }
    }
    return out;
  }

  @Test
  void plainArgumentsFillTheFieldsAsPicocliDoes() throws Exception {
    agrees(QueueCommand::new);
    agrees(QueueCommand::new, "--all");
    agrees(QueueCommand::new, "-u", "bob", "--state", "QUEUED", "--json");
    agrees(QueueCommand::new, "--user=bob", "--server", "http://h:1");
    agrees(SubmitCommand::new, "demo", "-p", "a=1", "--param", "b=2=3", "--gpus", "2", "--priority", "-5", "--time", "2h",
        "--name", "my job", "--follow");
    agrees(SubmitCommand::new, "demo", "--interactive", "--gpus", "1");
    agrees(HistoryCommand::new);
    agrees(HistoryCommand::new, "--since", "30d", "-n", "5", "--all");
    agrees(CancelCommand::new, "1", "2", "3");
    agrees(LogsCommand::new, "7", "-f", "--tail", "20");
    agrees(ShowCommand::new, "7", "--json");
    agrees(LoginCommand::new, "--user", "alice", "--server", "http://h:8081");
    agrees(GpusCommand::new, "--json");
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    declines(QueueCommand::new, "--no-such-option");
    declines(QueueCommand::new, "--all", "--user", "bob");
    declines(QueueCommand::new, "--json", "--json");
    declines(QueueCommand::new, "--help");
    declines(QueueCommand::new, "stray");
    declines(SubmitCommand::new);
    declines(SubmitCommand::new, "demo", "--gpus", "two");
    declines(SubmitCommand::new, "demo", "--gpus");
    declines(SubmitCommand::new, "demo", "-p");
    declines(CancelCommand::new);
    declines(ShowCommand::new, "1", "2");
    declines(LogsCommand::new, "7", "-fn", "3");
    declines(WhoamiCommand::new, "--json=true");
  }
}
