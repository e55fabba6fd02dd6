package io.rivulet.taskruntime;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts a {@link FakeControlPlane} before the application boots, points the runtime at it, and injects it into
 * fields of type {@code FakeControlPlane} of the test.
 */
public class FakeControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  private FakeControlPlane controlPlane;

  @Override
  public Map<String, String> start() {
    try {
      controlPlane = FakeControlPlane.start();
      return Map.of(
          "rivulet.control-plane.address", controlPlane.address(),
          "rivulet.runtime.id", "quarkus-runtime",
          "rivulet.runtime.slots", "3",
          "rivulet.runtime.work-dir", Files.createTempDirectory("rivulet-runtime-test").toString());
    } catch (Exception e) {
      throw new IllegalStateException("fake control plane did not start", e);
    }
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(controlPlane, new TestInjector.MatchesType(FakeControlPlane.class));
  }

  @Override
  public void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }
}
