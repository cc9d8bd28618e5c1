package dev.berth.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.NotifyPreferences;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifyPreferencesServiceTest {
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final NotifyPreferencesService service =
      new NotifyPreferencesService(store, null, new WebhookHosts(List.of("hooks.slack.com", "*.lab.example")));

  @Test
  void aUserWhoNeverChoseHearsOfFailuresAndTimeOuts() {
    NotifyPreferences p = service.preferences("ann");

    assertThat(p.events()).containsExactlyInAnyOrder("failed", "timed_out");
    assertThat(p.email()).isNull();
    assertThat(p.webhookUrl()).isNull();
  }

  @Test
  void savedChoicesAreReadBackByEveryoneWhoAsks() {
    service.save("ann", " ann@lab.example ", List.of("start", "end", "failed"), "https://ci.lab.example/hook");

    NotifyPreferences p = new NotifyPreferencesService(store, null, new WebhookHosts(List.of())).preferences("ann");
    assertThat(p).isEqualTo(new NotifyPreferences("ann", "ann@lab.example", Set.of("start", "end", "failed"),
        "https://ci.lab.example/hook"));
    assertThat(service.preferences("bob")).isEqualTo(NotifyPreferences.defaults("bob"));
  }

  @Test
  void choosingNoEventsIsAChoiceToo() {
    service.save("ann", "", List.of(), null);

    assertThat(service.preferences("ann").events()).isEmpty();
  }

  @Test
  void badInputIsRefusedFieldByFieldAndNothingIsStored() {
    assertThatThrownBy(() -> service.save("ann", "not-an-address", List.of("failed", "finished"),
        "http://169.254.169.254/latest/meta-data"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("email", "events", "webhookUrl"));
    assertThat(store.settings("notify.user.ann").version()).isZero();
  }

  @Test
  void aWebhookUrlMustBeHttpToAnAllowedHost() {
    WebhookHosts hosts = new WebhookHosts(List.of("hooks.slack.com", "*.lab.example"));

    assertThat(hosts.refusal("https://hooks.slack.com/services/T/B/x")).isNull();
    assertThat(hosts.refusal("https://ci.lab.example/x")).isNull();
    assertThat(hosts.refusal("https://lab.example.evil.com/x")).contains("is not allowed");
    assertThat(hosts.refusal("http://127.0.0.1:8080/admin")).contains("host 127.0.0.1 is not allowed");
    assertThat(hosts.refusal("ftp://hooks.slack.com/x")).isEqualTo("must be an http(s) URL with a host");
    assertThat(hosts.refusal("https://me:pw@hooks.slack.com/x")).isEqualTo("must not hold a user name or password");
    assertThat(new WebhookHosts(List.of()).refusal("https://hooks.slack.com/x")).contains("allowed no webhook hosts");
  }
}
