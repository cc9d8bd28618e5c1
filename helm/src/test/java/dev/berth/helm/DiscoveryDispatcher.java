package dev.berth.helm;

import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;

/**
 * Answers the API discovery requests ({@code /api}, {@code /apis}, {@code /api/v1}) that client-go
 * makes before any lookup, whatever their query string, and hands everything else to the CRUD
 * dispatcher, which keeps the objects.
 */
final class DiscoveryDispatcher extends Dispatcher {
  private final Dispatcher crud;
  private final KubernetesSerialization json = new KubernetesSerialization();

  DiscoveryDispatcher(Dispatcher crud) {
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath().replaceFirst("\\?.*$", "");
    if (!"GET".equals(request.getMethod())) {
      return crud.dispatch(request);
    }
    return switch (path) {
      case "/api" -> ok(new APIVersionsBuilder().withVersions("v1").build());
      case "/apis" -> ok(new APIGroupListBuilder().withGroups(List.of()).build());
      case "/api/v1" -> ok(new APIResourceListBuilder()
          .withGroupVersion("v1")
          .withResources(namespaced("secrets", "Secret"), namespaced("configmaps", "ConfigMap"))
          .build());
      default -> crud.dispatch(request);
    };
  }

  private static APIResource namespaced(String plural, String kind) {
    return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(true)
        .withSingularName(kind.toLowerCase(java.util.Locale.ROOT))
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build();
  }

  private MockResponse ok(Object body) {
    return new MockResponse().setResponseCode(200)
        .addHeader("Content-Type: application/json")
        .setBody(json.asJson(body));
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}
