package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiStore.AgentRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** {@code /agents}: create, get and list agents, the owners of tasks in Julep's model. */
final class AgentsResource {
  private final ApiStore store;
  private final Clock clock;

  AgentsResource(ApiStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void register(Router router) {
    router.add("POST", "/agents", this::create);
    router.add("GET", "/agents", this::list);
    router.add("GET", "/agents/{agent_id}", this::get);
  }

  private ApiResponse create(Router.Call call) {
    ObjectNode fields = Bodies.object(call.request());
    Bodies.requiredString(fields, "name");
    Instant now = clock.instant();
    AgentRecord agent =
        new AgentRecord(call.tenant(), UUID.randomUUID().toString(), fields, now, now);
    store.putAgent(agent);
    return ApiResponse.created(Views.agent(agent));
  }

  private ApiResponse get(Router.Call call) {
    return ApiResponse.ok(Views.agent(agent(store, call.tenant(), call.param("agent_id"))));
  }

  private ApiResponse list(Router.Call call) {
    return ApiResponse.ok(
        Pages.page(
            call.request(), store.agents(call.tenant()).stream().map(Views::agent).toList()));
  }

  static AgentRecord agent(ApiStore store, String tenant, String id) {
    return store.findAgent(tenant, id).orElseThrow(() -> ApiException.notFound("agent", id));
  }
}
