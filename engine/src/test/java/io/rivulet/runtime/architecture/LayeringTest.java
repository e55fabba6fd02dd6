package io.rivulet.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the API and the engine, checked on their compiled classes (main code only): api ← runtime, and
 * inside the engine the data path (state, network ← operators ← tasks ← deploy ← task executor) and the control path
 * (rpc ← cluster ← job master ← dispatcher ← execution). How the services sit on top is checked in the control plane
 * ({@code io.rivulet.controlplane.ArchitectureTest}), which sees them.
 */
@AnalyzeClasses(packages = {"io.rivulet.api", "io.rivulet.runtime"}, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  private static final String[] SERVICES_AND_PLUG_INS = {"io.rivulet.controlplane..", "io.rivulet.taskruntime..",
      "io.rivulet.cli..", "io.rivulet.kafka..", "io.rivulet.observability..", "io.rivulet.builtins.."};

  /** Job JARs compile against the API alone: it must need nothing but the JDK, and never the engine. */
  @ArchTest
  static final ArchRule apiNeedsOnlyTheJdk = classes().that().resideInAPackage("io.rivulet.api..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.rivulet.api..", "java..");

  /** The engine runs embedded and inside both services: it knows neither them nor what plugs into it. */
  @ArchTest
  static final ArchRule engineKnowsNoServiceOrPlugIn = noClasses().that().resideInAPackage("io.rivulet.runtime..")
      .should().dependOnClassesThat().resideInAnyPackage(SERVICES_AND_PLUG_INS);

  /** Plain Java: no application framework, and Kafka only through the DURABLE exchange plug-in (its SPI is here). */
  @ArchTest
  static final ArchRule engineUsesNoFrameworkNorKafka = noClasses().that().resideInAPackage("io.rivulet.runtime..")
      .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "javax.inject..",
          "io.vertx..", "io.micrometer..", "org.apache.kafka..");

  /** A package cycle makes both packages one unit: neither can be understood, tested or moved without the other. */
  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("io.rivulet.(**)").should().beFreeOfCycles();

  /** The same one level up: an engine area (state, network, tasks ... with their sub-packages) is such a unit too. */
  @ArchTest
  static final ArchRule noCyclesBetweenEngineAreas = slices().matching("io.rivulet.runtime.(*)..").should()
      .beFreeOfCycles();

  /**
   * Who may use whom inside the engine; each layer lists everything it may use (dependencies on the API and the
   * JDK are not counted).
   */
  @ArchTest
  static final ArchRule engineLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Utilities").definedBy("io.rivulet.runtime.concurrent..", "io.rivulet.runtime.tracing..",
          "io.rivulet.runtime.serialization..")
      .layer("State").definedBy("io.rivulet.runtime.state..", "io.rivulet.runtime.timers..")
      .layer("Network").definedBy("io.rivulet.runtime.network", "io.rivulet.runtime.network.grpc..")
      .layer("DurableSpi").definedBy("io.rivulet.runtime.network.durable..")
      .layer("Checkpoint").definedBy("io.rivulet.runtime.checkpoint..")
      .layer("Operators").definedBy("io.rivulet.runtime.operators..")
      .layer("Tasks").definedBy("io.rivulet.runtime.tasks..")
      .layer("Deploy").definedBy("io.rivulet.runtime.deploy..")
      .layer("Metrics").definedBy("io.rivulet.runtime.metrics..")
      .layer("Rpc").definedBy("io.rivulet.runtime.rpc..")
      .layer("Cluster").definedBy("io.rivulet.runtime.cluster..")
      .layer("JobMaster").definedBy("io.rivulet.runtime.jobmaster..")
      .layer("TaskExecutor").definedBy("io.rivulet.runtime.taskexecutor..")
      .layer("Dispatcher").definedBy("io.rivulet.runtime.dispatcher..")
      .layer("Execution").definedBy("io.rivulet.runtime.execution..")
      // helpers everyone may use, so they use nobody
      .whereLayer("Utilities").mayNotAccessAnyLayer()
      // keyed state, snapshots and timers are the bottom of the data path: they know no channel, task or job
      .whereLayer("State").mayNotAccessAnyLayer()
      // channels move records and events; key groups are all they take from state (hash partitioning)
      .whereLayer("Network").mayOnlyAccessLayers("State")
      // the DURABLE exchange's SPI hands out channels, nothing more
      .whereLayer("DurableSpi").mayOnlyAccessLayers("Network")
      // coordinator and snapshots of state; shared by tasks (acknowledging) and job masters (coordinating)
      .whereLayer("Checkpoint").mayOnlyAccessLayers("State", "Utilities")
      // operators run user functions on state and timers; how records reach them is the task's business
      .whereLayer("Operators").mayOnlyAccessLayers("State")
      // a task drives its operator chain between its input gates and record writers
      .whereLayer("Tasks").mayOnlyAccessLayers("Operators", "Network", "State", "Checkpoint", "Utilities")
      // wiring connects the channels of tasks, including the DURABLE ones through the SPI
      .whereLayer("Deploy").mayOnlyAccessLayers("Tasks", "Network", "DurableSpi", "Checkpoint")
      // observers read tasks, channels and checkpoints; they are told, they do not steer
      .whereLayer("Metrics").mayOnlyAccessLayers("Tasks", "Network", "Checkpoint", "Utilities")
      // the gateways (gRPC or in-process) know messages, not what handles them
      .whereLayer("Rpc").mayOnlyAccessLayers("Utilities")
      .whereLayer("Cluster").mayOnlyAccessLayers("Rpc", "Utilities")
      // the control path: a job master reaches tasks only through gateways, never a task, operator or channel
      .whereLayer("JobMaster").mayOnlyAccessLayers("Cluster", "Rpc", "Checkpoint", "Metrics", "DurableSpi",
          "Utilities")
      // the runtime core: deploys and runs tasks, answers the control plane
      .whereLayer("TaskExecutor").mayOnlyAccessLayers("Deploy", "Tasks", "Network", "State", "Checkpoint",
          "Metrics", "Rpc", "Utilities")
      // registry, endpoint and job masters, optionally with a task executor in the same JVM
      .whereLayer("Dispatcher").mayOnlyAccessLayers("JobMaster", "TaskExecutor", "Cluster", "Rpc", "Network",
          "Checkpoint", "Metrics", "Utilities")
      // env.execute(): a dispatcher with an embedded task executor; found through the API's ServiceLoader
      .whereLayer("Execution").mayOnlyAccessLayers("Dispatcher", "JobMaster", "Checkpoint", "Metrics", "Utilities")
      .whereLayer("Execution").mayNotBeAccessedByAnyLayer();
}
