package dev.berth.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated nodes: a name and a GPU count each. {@code --cluster NODESxGPUS} (16x8), or a node
 * list file with one node a line, {@code NAME GPUS} (blank lines and # comments skipped).
 */
public record Cluster(List<Node> nodes) {
  private static final Pattern SHAPE = Pattern.compile("(\\d+)\\s*[xX]\\s*(\\d+)");

  public record Node(String name, int gpus) {}

  public Cluster {
    nodes = List.copyOf(nodes);
  }

  public static Cluster parse(String spec) {
    Matcher m = SHAPE.matcher(spec.trim());
    if (m.matches()) {
      int count = parseCount(m.group(1), spec);
      int gpus = parseCount(m.group(2), spec);
      List<Node> nodes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        nodes.add(new Node(String.format("node-%02d", i + 1), gpus));
      }
      return new Cluster(nodes);
    }
    Path file = Path.of(spec);
    if (Files.isRegularFile(file)) {
      return read(file);
    }
    throw new BadInputException("cluster '" + spec + "' is neither NODESxGPUS (such as 1x4) nor a node list file");
  }

  private static int parseCount(String digits, String spec) {
    int n;
    try {
      n = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 100_000) {
      throw new BadInputException("cluster '" + spec + "' is impossible: nodes and GPUs per node must be 1 to 100000");
    }
    return n;
  }

  private static Cluster read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read the node list " + file + ": " + e.getMessage());
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("[\\s,]+");
      int gpus = -1;
      if (parts.length == 2) {
        try {
          gpus = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          gpus = -1;
        }
      }
      if (gpus < 1) {
        throw new BadInputException(file + ":" + (i + 1) + ": expected 'NAME GPUS' with at least one GPU");
      }
      nodes.add(new Node(parts[0], gpus));
    }
    if (nodes.isEmpty()) {
      throw new BadInputException("the node list " + file + " names no node");
    }
    return new Cluster(nodes);
  }

  public int totalGpus() {
    return nodes.stream().mapToInt(Node::gpus).sum();
  }

  public int largestNode() {
    return nodes.stream().mapToInt(Node::gpus).max().orElse(0);
  }

  @Override
  public String toString() {
    return nodes.size() + (nodes.size() == 1 ? " node, " : " nodes, ") + totalGpus() + " GPUs";
  }
}
