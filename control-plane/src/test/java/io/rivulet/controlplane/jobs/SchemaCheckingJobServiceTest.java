package io.rivulet.controlplane.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.registry.RegistryClient;
import io.rivulet.registry.SchemaRegistration;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schema-registration decorator hands every call but submissions straight to the service underneath. With a
 * registry configured (the demo) it once kept {@code graph} to itself, and plans drew vertices without edges.
 */
class SchemaCheckingJobServiceTest {

  @Test
  void everyQueryAndCommandReachesTheServiceUnderneathWithItsArguments() throws Exception {
    List<String> calls = new ArrayList<>();
    JobService recording = (JobService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {JobService.class}, (proxy, method, args) -> {
          calls.add(method.getName() + Arrays.toString(args == null ? new Object[0] : args));
          return defaultValue(method.getReturnType());
        });
    // the registry is never called: nothing is submitted
    JobService decorated = new SchemaCheckingJobService(recording,
        new SchemaRegistration(new RegistryClient("http://127.0.0.1:1"), "BACKWARD", Map.of()));

    for (Method m : JobService.class.getMethods()) {
      if (m.getName().equals("submit") || m.getName().equals("unwrap") || m.isDefault()) {
        continue;
      }
      Object[] args = Arrays.stream(m.getParameterTypes()).map(SchemaCheckingJobServiceTest::argument).toArray();
      calls.clear();
      m.invoke(decorated, args);
      assertThat(calls).as(m.getName() + " is forwarded").containsExactly(m.getName() + Arrays.toString(args));
    }
  }

  private static Object argument(Class<?> type) {
    if (type == String.class) {
      return "job-1";
    }
    if (type == java.nio.file.Path.class) {
      return java.nio.file.Path.of("/tmp/sp");
    }
    if (type == boolean.class) {
      return true;
    }
    return null;
  }

  private static Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == List.class) {
      return List.of();
    }
    return null;
  }
}
