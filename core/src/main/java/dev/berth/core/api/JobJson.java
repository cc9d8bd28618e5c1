package dev.berth.core.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.berth.api.DependencyCondition;
import dev.berth.api.Job;
import dev.berth.api.JobFlow;

/**
 * How plugin-api's job records read in JSON, which plugin-api cannot say itself (it depends on
 * pf4j only): a job's flow fields sit beside its other fields ({@code dependsOn}, {@code arrayId},
 * {@code attempt}...), and a dependency's condition is its lower-case API name.
 */
final class JobJson {
  private JobJson() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("berth-jobs");
    module.setMixInAnnotation(Job.class, JobMixin.class);
    module.setMixInAnnotation(JobFlow.class, FlowMixin.class);
    module.setMixInAnnotation(DependencyCondition.class, ConditionMixin.class);
    return module;
  }

  abstract static class JobMixin {
    @JsonUnwrapped
    abstract JobFlow flow();

    @JsonProperty("runId")
    abstract String runId();
  }

  abstract static class FlowMixin {
    @JsonIgnore
    abstract boolean inArray();

    @JsonIgnore
    abstract boolean retriesLeft();

    @JsonIgnore
    abstract String encodedDependencies();
  }

  abstract static class ConditionMixin {
    @JsonValue
    abstract String wireName();
  }
}
