package dev.berth.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.TemplateParameter;
import dev.berth.core.errors.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionParserTest {
  private final ObjectMapper json = new ObjectMapper();
  private final SubmissionParser parser = new SubmissionParser(
      name -> switch (name) {
        case "proto-gcn" -> new JobTemplate("proto-gcn", "", List.of(
            new TemplateParameter("config-file", ParameterKind.PATH, true, null, ""),
            new TemplateParameter("work-dir", ParameterKind.RELATIVE_PATH, true, null, "")));
        case "demo" -> new JobTemplate("demo", "", List.of(new TemplateParameter("seconds", ParameterKind.TEXT, false, "5", "")));
        default -> null;
      },
      "proto-gcn");

  @Test
  void aValidSubmissionKeepsEveryField() throws Exception {
    JobSubmission s = parser.parse(json.readTree("""
        {"name": "ntu60 xsub", "user": "alice", "template": "proto-gcn", "gpus": 2, "priority": 5,
         "parameters": {"config-file": "configs/ntu60_xsub/j.py", "work-dir": "runs/j1"}}"""));
    assertThat(s).isEqualTo(new JobSubmission("ntu60 xsub", "alice", "proto-gcn",
        Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/j1"), 2, 5, 1440 * 60));
  }

  @ParameterizedTest(name = "{0} -> {1} s")
  @CsvSource(delimiter = '|', value = {
      "5400         | 5400",
      "\"90s\"      | 90",
      "\"30m\"      | 1800",
      "\"2h\"       | 7200",
      "\"1d\"       | 86400",
      "\"1-12:00:00\" | 129600",
      "\"02:30:00\" | 9000"})
  void aTimeLimitIsSecondsOrADuration(String value, int seconds) throws Exception {
    JobSubmission s = parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\", \"timeLimit\": " + value + "}"));
    assertThat(s.timeLimitSeconds()).isEqualTo(seconds);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-5             | at least 1 second",
      "0              | at least 1 second",
      "\"soon\"       | is not a duration",
      "\"\"           | must be a duration",
      "\"8d\"         | at most 7d",
      "604801         | at most 7d",
      "1.5            | whole number of seconds",
      "true           | whole number of seconds",
      "null           | whole number of seconds"})
  void aBadTimeLimitIsAFieldError(String value, String message) throws Exception {
    assertThatThrownBy(() -> parser.parse(json.readTree(
        "{\"user\": \"bob\", \"template\": \"demo\", \"timeLimit\": " + value + "}")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .singleElement()
            .satisfies(f -> {
              assertThat(f.field()).isEqualTo("timeLimit");
              assertThat(f.message()).contains(message);
            }));
  }

  @Test
  void withoutATimeLimitTheTemplatesDefaultAppliesElseTheServersCutToTheMaximum() throws Exception {
    SubmissionParser limited = new SubmissionParser(
        name -> switch (name) {
          case "short" -> new JobTemplate("short", "", List.of(), 600);
          case "long" -> new JobTemplate("long", "", List.of(), 90 * 86400);
          default -> new JobTemplate(name, "", List.of());
        },
        "plain", () -> new TimeLimits(3600, 86400));

    assertThat(limited.parse(json.readTree("{\"user\": \"a\", \"template\": \"short\"}")).timeLimitSeconds())
        .isEqualTo(600);
    assertThat(limited.parse(json.readTree("{\"user\": \"a\", \"template\": \"plain\"}")).timeLimitSeconds())
        .isEqualTo(3600);
    assertThat(limited.parse(json.readTree("{\"user\": \"a\", \"template\": \"long\"}")).timeLimitSeconds())
        .isEqualTo(86400);
  }

  @Test
  void defaultsFillTemplateNameGpusPriorityAndParameterDefaults() throws Exception {
    JobSubmission s = parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\"}"));
    assertThat(s).isEqualTo(new JobSubmission("demo", "bob", "demo", Map.of("seconds", "5"), 1, 0, 1440 * 60));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not an object                 | []                                                                    | body",
      "string body                   | \"hello\"                                                             | body",
      "missing user                  | {\"template\":\"demo\"}                                               | user",
      "null user                     | {\"user\":null,\"template\":\"demo\"}                                 | user",
      "user is a number              | {\"user\":42,\"template\":\"demo\"}                                   | user",
      "user with space               | {\"user\":\"al ice\",\"template\":\"demo\"}                           | user",
      "user with slash               | {\"user\":\"../root\",\"template\":\"demo\"}                          | user",
      "user too long                 | {\"user\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"template\":\"demo\"} | user",
      "empty user                    | {\"user\":\"\",\"template\":\"demo\"}                                 | user",
      "unknown template              | {\"user\":\"a\",\"template\":\"nope\"}                                | template",
      "template is an object         | {\"user\":\"a\",\"template\":{}}                                      | template",
      "template injection            | {\"user\":\"a\",\"template\":\"demo;rm -rf\"}                         | template",
      "unknown field                 | {\"user\":\"a\",\"template\":\"demo\",\"cmd\":\"x\"}                  | cmd",
      "name with newline             | {\"user\":\"a\",\"template\":\"demo\",\"name\":\"a\\nb\"}             | name",
      "name starting with dash       | {\"user\":\"a\",\"template\":\"demo\",\"name\":\"-x\"}                | name",
      "name is null                  | {\"user\":\"a\",\"template\":\"demo\",\"name\":null}                  | name",
      "gpus negative                 | {\"user\":\"a\",\"template\":\"demo\",\"gpus\":-1}                    | gpus",
      "gpus nine                     | {\"user\":\"a\",\"template\":\"demo\",\"gpus\":9}                     | gpus",
      "gpus fractional               | {\"user\":\"a\",\"template\":\"demo\",\"gpus\":1.5}                   | gpus",
      "gpus string                   | {\"user\":\"a\",\"template\":\"demo\",\"gpus\":\"1\"}                 | gpus",
      "gpus huge                     | {\"user\":\"a\",\"template\":\"demo\",\"gpus\":99999999999999}        | gpus",
      "priority too high             | {\"user\":\"a\",\"template\":\"demo\",\"priority\":1001}              | priority",
      "priority boolean              | {\"user\":\"a\",\"template\":\"demo\",\"priority\":true}              | priority",
      "parameters is a list          | {\"user\":\"a\",\"template\":\"demo\",\"parameters\":[]}              | parameters",
      "parameter value number        | {\"user\":\"a\",\"template\":\"demo\",\"parameters\":{\"seconds\":5}} | parameters.seconds",
      "parameter control char        | {\"user\":\"a\",\"template\":\"demo\",\"parameters\":{\"seconds\":\"5\\u0000\"}} | parameters.seconds",
      "parameter not declared        | {\"user\":\"a\",\"template\":\"demo\",\"parameters\":{\"x\":\"1\"}}   | parameters.x",
      "parameter bad name            | {\"user\":\"a\",\"template\":\"demo\",\"parameters\":{\"$(id)\":\"1\"}} | parameters.$(id)",
      "required parameter missing    | {\"user\":\"a\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\"}} | parameters.work-dir",
      "absolute work-dir             | {\"user\":\"a\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\",\"work-dir\":\"/etc\"}} | parameters.work-dir",
      "dotdot work-dir               | {\"user\":\"a\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\",\"work-dir\":\"runs/../../x\"}} | parameters.work-dir",
      "dotdot config                 | {\"user\":\"a\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"../c.py\",\"work-dir\":\"r\"}} | parameters.config-file",
      "home work-dir                 | {\"user\":\"a\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\",\"work-dir\":\"~/x\"}} | parameters.work-dir",
      "empty required                | {\"user\":\"a\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\" \",\"work-dir\":\"r\"}} | parameters.config-file",
  })
  void refusesMalformedSubmissionsNamingTheField(String description, String body, String field) throws Exception {
    assertThatThrownBy(() -> parser.parse(json.readTree(body)))
        .as(description)
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).anySatisfy(err -> assertThat(err.field()).isEqualTo(field)));
  }

  @Test
  void aNotifyListIsKeptAndAnUnknownEventIsAFieldError() throws Exception {
    JobSubmission s = parser.parse(json.readTree(
        "{\"user\": \"bob\", \"template\": \"demo\", \"notify\": [\"start\", \"END\", \"start\"]}"));
    assertThat(s.notifyEvents()).containsExactly("start", "end");
    assertThat(parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\"}")).notifyEvents()).isNull();
    assertThat(parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\", \"notify\": []}"))
        .notifyEvents()).isEmpty();

    assertThatThrownBy(() -> parser.parse(json.readTree(
        "{\"user\": \"bob\", \"template\": \"demo\", \"notify\": [\"end\", \"finished\"]}")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
            .satisfies(err -> {
              assertThat(err.field()).isEqualTo("notify");
              assertThat(err.message()).startsWith("unknown event 'finished'; one of cancelled, end, failed");
            }));
    assertThatThrownBy(() -> parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\", \"notify\": \"end\"}")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("notify: must be a list of events");
  }

  @Test
  void interactiveIsABooleanAndFalseWhenAbsent() throws Exception {
    assertThat(parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\", \"interactive\": true}"))
        .interactive()).isTrue();
    assertThat(parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\"}")).interactive()).isFalse();
    assertThatThrownBy(() -> parser.parse(json.readTree("{\"user\": \"bob\", \"template\": \"demo\", \"interactive\": \"yes\"}")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("interactive: must be true or false");
  }

  @Test
  void reportsEveryBadFieldAtOnce() throws Exception {
    assertThatThrownBy(() -> parser.parse(json.readTree("{\"user\":\"a b\",\"gpus\":-3,\"extra\":1}")))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(err -> err.field())
                .contains("user", "gpus", "extra", "parameters.config-file", "parameters.work-dir"));
  }
}
