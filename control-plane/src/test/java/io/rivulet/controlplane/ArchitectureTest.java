package io.rivulet.controlplane;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How the modules of the control plane's class path depend on each other: api ← engine ← plug-ins ← this service.
 * Here because this module sees them all (the engine's own layering is checked in the engine, which sees no service).
 */
@AnalyzeClasses(packages = "io.rivulet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Each line says what a layer may use; dependencies outside io.rivulet (JDK, libraries) are not counted. */
  @ArchTest
  static final ArchRule modules = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Api").definedBy("io.rivulet.api..")
      .layer("Connectors").definedBy("io.rivulet.kafka", "io.rivulet.kafka.impl..", "io.rivulet.kafka.local..",
          "io.rivulet.avro..", "io.rivulet.registry..")
      .layer("Engine").definedBy("io.rivulet.runtime..")
      .layer("PlugIns").definedBy("io.rivulet.kafka.exchange..", "io.rivulet.observability..",
          "io.rivulet.builtins..")
      .layer("Service").definedBy("io.rivulet.controlplane..")
      // what job JARs compile against: nothing of Rivulet below it
      .whereLayer("Api").mayNotAccessAnyLayer()
      // connectors and the registry client are libraries of jobs: they see what a job sees, the API
      .whereLayer("Connectors").mayOnlyAccessLayers("Api")
      // the engine runs jobs of any connector in any host: it knows only the API
      .whereLayer("Engine").mayOnlyAccessLayers("Api")
      // plug-ins extend the engine (DURABLE exchange, metrics binding, built-in functions of declarative specs)
      .whereLayer("PlugIns").mayOnlyAccessLayers("Engine", "Connectors", "Api")
      // services depend on the engine, never the reverse
      .whereLayer("Service").mayNotBeAccessedByAnyLayer();

  /** A cycle between modules' packages would tie the modules together whatever their poms say. */
  @ArchTest
  static final ArchRule noCyclesBetweenAreas = slices().matching("io.rivulet.(*)..").should().beFreeOfCycles();
}
