package io.rivulet.runtime.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The glue between gRPC's observers and futures, shared by the gateways and the service adapters. */
final class Calls {
  private Calls() {}

  /** An observer of one unary answer that completes {@code future}; UNAVAILABLE becomes {@link RuntimeUnreachableException}. */
  static <T> StreamObserver<T> into(CompletableFuture<T> future, String peer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        future.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        if (t instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
          future.completeExceptionally(new RuntimeUnreachableException(peer + " is unreachable: " + e.getStatus(), e));
        } else {
          future.completeExceptionally(t);
        }
      }

      @Override
      public void onCompleted() {
        if (!future.isDone()) {
          future.completeExceptionally(new IllegalStateException(peer + " answered nothing"));
        }
      }
    };
  }

  /** Answers a served call when the target's future completes; a failed future becomes an INTERNAL status. */
  static <T> void answer(StreamObserver<T> out, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((value, error) -> {
      if (error == null) {
        out.onNext(value);
        out.onCompleted();
      } else {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        out.onError(Status.INTERNAL.withDescription(cause.toString()).withCause(cause).asRuntimeException());
      }
    });
  }
}
