package io.rivulet.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.runtime.concurrent.ManualControlExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The runtime registry on a manual executor and clock, with fake runtimes: slot requests wait for slots and time
 * out, slots spread over runtimes, and a runtime is lost by an overdue heartbeat, a broken connection or a new
 * registration while it held slots.
 */
class RuntimeRegistryTest {
  private final ManualControlExecutor control = new ManualControlExecutor();
  private final List<FakeTaskRuntime> fakes = new ArrayList<>();
  private final RuntimeRegistry registry = new RuntimeRegistry(control, 10_000, FakeTaskRuntime.factory(fakes));
  private final List<String> lost = new ArrayList<>();

  RuntimeRegistryTest() {
    registry.onRuntimeLost((r, reason) -> lost.add(r.id() + ": " + reason));
  }

  private FakeTaskRuntime register(String id, int slots) {
    FakeTaskRuntime fake = new FakeTaskRuntime(id);
    fakes.add(fake);
    registry.register(fake.info(slots));
    control.runAll();
    return fake;
  }

  @Test
  void slotsAreSpreadOverRuntimesAndGivenBack() {
    register("a", 4);
    register("b", 4);
    CompletableFuture<SlotAssignment> s = registry.requestSlots("j", 4, 1_000);
    control.runAll();
    assertThat(s).isCompleted();
    assertThat(s.join().slots()).extracting(RuntimeInfo::id).containsExactly("a", "b", "a", "b");
    assertThat(registry.freeSlots()).isEqualTo(4);
    registry.release("j");
    control.runAll();
    assertThat(registry.freeSlots()).isEqualTo(8);
  }

  @Test
  void aRequestWaitsForARuntimeToRegisterAndIsServedThen() {
    register("a", 1);
    CompletableFuture<SlotAssignment> s = registry.requestSlots("j", 3, 60_000);
    control.runAll();
    assertThat(s).isNotDone();
    control.advance(30_000);
    register("b", 2);
    assertThat(s).isCompleted();
    assertThat(s.join().runtimes()).extracting(RuntimeInfo::id).containsExactly("b", "a");
  }

  @Test
  void aRequestThatCannotBeServedFailsAtItsTimeoutNamingWhatIsMissingAndTakesNothing() {
    register("rt-1", 2);
    CompletableFuture<SlotAssignment> s = registry.requestSlots("job-1", 3, 300);
    control.advance(299);
    assertThat(s).isNotDone();
    control.advance(1);
    assertThat(s).isCompletedExceptionally();
    assertThat(exceptionOf(s)).isInstanceOf(NotEnoughSlotsException.class).hasMessageContaining("needs 3")
        .hasMessageContaining("2 free of 2").hasMessageContaining("1 task runtimes")
        .hasMessageContaining("start more task runtimes");
    assertThat(registry.freeSlots()).as("nothing stays allocated").isEqualTo(2);
  }

  @Test
  void requestsAreServedInOrderAndAWithdrawnOneLetsTheNextThrough() {
    register("a", 2);
    CompletableFuture<SlotAssignment> first = registry.requestSlots("first", 2, 60_000);
    CompletableFuture<SlotAssignment> big = registry.requestSlots("big", 2, 60_000);
    CompletableFuture<SlotAssignment> small = registry.requestSlots("small", 1, 60_000);
    control.runAll();
    assertThat(first).isCompleted();
    assertThat(small).as("nobody overtakes a waiting request").isNotDone();
    registry.cancelSlotRequest("big");
    control.runAll();
    assertThat(big).isCancelled();
    assertThat(small).isNotDone();
    registry.release("first");
    control.runAll();
    assertThat(small).isCompleted();
  }

  @Test
  void aRuntimeSilentPastTheTimeoutIsLostAndMustRegisterAgain() {
    register("quiet", 1);
    register("chatty", 1);
    registry.startMonitor(1_000);
    for (int s = 0; s < 10; s++) {
      control.advance(1_000);
      registry.heartbeat("chatty", List.of());
      control.runAll();
    }
    assertThat(lost).isEmpty();
    control.advance(1_000);
    assertThat(lost).singleElement().asString().startsWith("quiet: no heartbeat for 11000 ms (timeout 10000 ms)");
    CompletableFuture<Boolean> known = registry.heartbeat("quiet", List.of());
    control.runAll();
    assertThat(known.join()).as("it must register again").isFalse();
    assertThat(registry.all()).extracting(e -> e.info().id()).containsExactly("chatty");
    assertThat(fakes.get(0).closed).as("its connection is closed").isTrue();
  }

  @Test
  void aBrokenConnectionLosesTheRuntimeAtOnce() {
    FakeTaskRuntime a = register("a", 2);
    a.breakConnection();
    control.runAll();
    assertThat(lost).singleElement().asString().startsWith("a: its connection broke");
    assertThat(registry.totalSlots()).isZero();
  }

  @Test
  void aRuntimeThatRegistersAgainWhileHoldingSlotsRestartedAndCountsAsLost() {
    register("a", 2);
    registry.requestSlots("j", 1, 1_000);
    control.runAll();
    FakeTaskRuntime again = new FakeTaskRuntime("a");
    fakes.add(0, again); // the factory finds the new one first
    registry.register(again.info(2));
    control.runAll();
    assertThat(lost).singleElement().asString().contains("registered again");
    assertThat(registry.freeSlots()).as("the new registration starts empty").isEqualTo(2);
    assertThat(registry.get("a").orElseThrow().gateway()).isSameAs(again);
  }

  @Test
  void anUnreachableRuntimeIsDropped() {
    register("a", 2);
    registry.reportUnreachable("a", "connection refused");
    control.runAll();
    assertThat(lost).singleElement().asString().isEqualTo("a: unreachable: connection refused");
  }

  private static Throwable exceptionOf(CompletableFuture<?> f) {
    try {
      f.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
