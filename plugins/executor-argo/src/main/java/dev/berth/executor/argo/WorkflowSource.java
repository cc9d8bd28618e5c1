package dev.berth.executor.argo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Where the body of a job's workflow comes from. */
sealed interface WorkflowSource {

  /**
   * A {@code WorkflowTemplate} (or {@code ClusterWorkflowTemplate}) already in the cluster: the
   * workflow only references it by name and passes the arguments.
   */
  record TemplateRef(String name, boolean clusterScope) implements WorkflowSource {
    public TemplateRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A whole {@code Workflow} manifest read from a file at start, as a lab's existing workflow files
   * are written for {@code argo submit -p …}: Berth sets its name, labels and arguments.
   *
   * @param workflow the parsed manifest; never modified
   */
  record Manifest(Path path, Map<String, Object> workflow) implements WorkflowSource {
    public Manifest {
      Objects.requireNonNull(path, "path");
      workflow = Map.copyOf(workflow);
    }
  }
}
