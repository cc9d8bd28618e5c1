package dev.berth.store.redis;

import dev.berth.api.Job;
import dev.berth.api.JobFlow;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as the fields of its Redis hash. Names are short because every queued job carries them;
 * each template parameter is its own field ({@code p.<name>}), which keeps typical values under
 * Redis's 64-byte listpack limit, so a job hash stays in the compact encoding. A field is absent
 * when its value is null. Times are ISO-8601 instants, exact to the nanosecond.
 */
final class JobFields {
  static final String STATE = "state";
  static final String NAME = "name";
  static final String USER = "user";
  static final String TEMPLATE = "tmpl";
  static final String GPUS = "gpus";
  static final String PRIORITY = "prio";
  static final String SUBMITTED_AT = "sub";
  static final String SCHEDULED_AT = "sch";
  static final String STARTED_AT = "start";
  static final String FINISHED_AT = "fin";
  static final String NODE = "node";
  static final String DEVICES = "devs";
  static final String EXIT_CODE = "exit";
  static final String MESSAGE = "msg";
  static final String EXECUTOR_REF = "ref";
  static final String EVENT_COUNT = "ev";
  /** Absent for jobs stored before time limits existed: they have none. */
  static final String TIME_LIMIT = "tl";
  /** Comma-separated notify events; absent when the submission named none. */
  static final String NOTIFY = "nt";
  /** Dependencies as {@code 12:succeeded,13:ended}; absent for none. */
  static final String DEPENDS_ON = "dep";
  /** The array's id (its first job's); absent outside an array. */
  static final String ARRAY_ID = "arr";
  static final String ARRAY_INDEX = "ai";
  /** The array's cap on SCHEDULED and RUNNING jobs; absent for none. */
  static final String ARRAY_MAX_RUNNING = "am";
  /** Absent for 0. */
  static final String MAX_RETRIES = "mr";
  /** Absent for the first attempt. */
  static final String ATTEMPT = "att";
  /** "1" for an interactive job; absent for every other (and every job stored before it existed). */
  static final String INTERACTIVE = "ia";
  static final String PARAMETER = "p.";

  private JobFields() {}

  /** Field, value pairs of a new job's hash, apart from state, submittedAt and the event count. */
  static List<String> ofSubmission(JobSubmission submission) {
    List<String> pairs = new ArrayList<>();
    pairs.add(NAME);
    pairs.add(submission.name());
    pairs.add(USER);
    pairs.add(submission.user());
    pairs.add(TEMPLATE);
    pairs.add(submission.template());
    pairs.add(GPUS);
    pairs.add(Integer.toString(submission.gpus()));
    pairs.add(PRIORITY);
    pairs.add(Integer.toString(submission.priority()));
    if (submission.timeLimitSeconds() != null) {
      pairs.add(TIME_LIMIT);
      pairs.add(Integer.toString(submission.timeLimitSeconds()));
    }
    if (submission.notifyEvents() != null) {
      pairs.add(NOTIFY);
      pairs.add(String.join(",", submission.notifyEvents()));
    }
    JobFlow flow = submission.flow();
    if (flow.encodedDependencies() != null) {
      pairs.add(DEPENDS_ON);
      pairs.add(flow.encodedDependencies());
    }
    if (flow.arrayIndex() != null) {
      pairs.add(ARRAY_INDEX);
      pairs.add(Integer.toString(flow.arrayIndex()));
    }
    if (flow.arrayMaxRunning() != null) {
      pairs.add(ARRAY_MAX_RUNNING);
      pairs.add(Integer.toString(flow.arrayMaxRunning()));
    }
    if (flow.maxRetries() > 0) {
      pairs.add(MAX_RETRIES);
      pairs.add(Integer.toString(flow.maxRetries()));
    }
    if (submission.interactive()) {
      pairs.add(INTERACTIVE);
      pairs.add("1");
    }
    submission.parameters().forEach((key, value) -> {
      pairs.add(PARAMETER + key);
      pairs.add(value);
    });
    return pairs;
  }

  /** The job whose hash holds {@code fields}. */
  static Job toJob(String id, Map<String, String> fields) {
    Map<String, String> parameters = new LinkedHashMap<>();
    fields.forEach((field, value) -> {
      if (field.startsWith(PARAMETER)) {
        parameters.put(field.substring(PARAMETER.length()), value);
      }
    });
    String node = fields.get(NODE);
    return new Job(
        id,
        fields.get(NAME),
        fields.get(USER),
        fields.get(TEMPLATE),
        parameters,
        Integer.parseInt(fields.get(GPUS)),
        Integer.parseInt(fields.get(PRIORITY)),
        JobState.valueOf(fields.get(STATE)),
        Instant.parse(fields.get(SUBMITTED_AT)),
        instant(fields.get(SCHEDULED_AT)),
        instant(fields.get(STARTED_AT)),
        instant(fields.get(FINISHED_AT)),
        node == null ? null : new Placement(node, devices(fields.get(DEVICES))),
        fields.containsKey(EXIT_CODE) ? Integer.valueOf(fields.get(EXIT_CODE)) : null,
        fields.get(MESSAGE),
        fields.get(EXECUTOR_REF),
        fields.containsKey(TIME_LIMIT) ? Integer.valueOf(fields.get(TIME_LIMIT)) : null,
        parseNotify(fields.get(NOTIFY)),
        new JobFlow(
            JobFlow.decodeDependencies(fields.get(DEPENDS_ON)),
            fields.get(ARRAY_ID),
            integer(fields.get(ARRAY_INDEX)),
            integer(fields.get(ARRAY_MAX_RUNNING)),
            fields.containsKey(MAX_RETRIES) ? Integer.parseInt(fields.get(MAX_RETRIES)) : 0,
            fields.containsKey(ATTEMPT) ? Integer.parseInt(fields.get(ATTEMPT)) : 1),
        "1".equals(fields.get(INTERACTIVE)));
  }

  private static Integer integer(String text) {
    return text == null ? null : Integer.valueOf(text);
  }

  private static List<String> parseNotify(String text) {
    return text == null ? null : text.isEmpty() ? List.of() : List.of(text.split(","));
  }

  /** A flat field, value, field, value list (as HGETALL inside a script returns it) as a map. */
  static Map<String, String> pairs(List<?> flat) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  /** GPU indexes in placement order, comma-separated; empty for a CPU-only placement. */
  static String devices(List<Integer> gpus) {
    StringBuilder text = new StringBuilder();
    for (Integer gpu : gpus) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(gpu);
    }
    return text.toString();
  }

  private static List<Integer> devices(String text) {
    List<Integer> gpus = new ArrayList<>();
    if (text != null && !text.isEmpty()) {
      for (String part : text.split(",")) {
        gpus.add(Integer.valueOf(part));
      }
    }
    return gpus;
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
