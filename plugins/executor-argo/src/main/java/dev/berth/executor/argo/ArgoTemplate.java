package dev.berth.executor.argo;

import dev.berth.api.JobTemplate;
import java.util.Objects;

/** A job template as this executor submits it: what users see, and where the workflow comes from. */
record ArgoTemplate(JobTemplate descriptor, WorkflowSource source) {
  ArgoTemplate {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(source, "source");
  }

  String name() {
    return descriptor.name();
  }
}
