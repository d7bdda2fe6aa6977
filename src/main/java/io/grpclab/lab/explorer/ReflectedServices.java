package io.grpclab.lab.explorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

/**
 * The services another gRPC server exposes, with their descriptors, asked of its reflection service
 * (grpc.reflection.v1): the service names, the file that defines each, and every file those import, each asked for
 * once. What the explorer needs to build forms for a server it has no protos of, as grpcurl and grpcui do.
 */
final class ReflectedServices {

    /** How long one question to the server may take. */
    private static final long ANSWER_SECONDS = 5;
    /** A server that names more files than this is not explored: the listing would be no use in a form anyway. */
    private static final int MAX_FILES = 500;

    private final ServerReflectionGrpc.ServerReflectionStub stub;
    private final Map<String, FileDescriptorProto> files = new HashMap<>();
    private final Map<String, Descriptors.FileDescriptor> built = new HashMap<>();

    private ReflectedServices(Channel channel) {
        this.stub = ServerReflectionGrpc.newStub(channel);
    }

    /**
     * @return the descriptors of the server's services, but reflection's own
     * @throws StatusRuntimeException the server's status when it cannot answer (UNIMPLEMENTED: reflection is off)
     */
    static List<Descriptors.ServiceDescriptor> of(Channel channel) {
        return new ReflectedServices(channel).services();
    }

    private List<Descriptors.ServiceDescriptor> services() {
        List<String> names = ask(ServerReflectionRequest.newBuilder().setListServices("").build())
                .getListServicesResponse().getServiceList().stream().map(s -> s.getName())
                .filter(name -> !name.startsWith("grpc.reflection.")).toList();
        Map<String, Descriptors.ServiceDescriptor> services = new LinkedHashMap<>();
        for (String name : names) {
            FileDescriptorProto defining = null;
            for (FileDescriptorProto file : add(ask(ServerReflectionRequest.newBuilder()
                    .setFileContainingSymbol(name).build()))) {
                if (defines(file, name)) {
                    defining = file;
                }
            }
            if (defining != null) {
                Descriptors.ServiceDescriptor service = build(defining.getName())
                        .findServiceByName(name.substring(name.lastIndexOf('.') + 1));
                if (service != null) {
                    services.put(name, service);
                }
            }
        }
        return List.copyOf(services.values());
    }

    private static boolean defines(FileDescriptorProto file, String service) {
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        return file.getServiceList().stream().anyMatch(s -> (prefix + s.getName()).equals(service));
    }

    /** The files of an answer, kept by name. */
    private List<FileDescriptorProto> add(ServerReflectionResponse response) {
        List<FileDescriptorProto> added = new ArrayList<>();
        for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
                files.putIfAbsent(file.getName(), file);
                added.add(file);
            } catch (InvalidProtocolBufferException e) {
                throw Status.INTERNAL.withDescription("the server's reflection sent a file that is not a descriptor")
                        .asRuntimeException();
            }
        }
        if (files.size() > MAX_FILES) {
            throw Status.RESOURCE_EXHAUSTED.withDescription("the server's services import more than " + MAX_FILES
                    + " files").asRuntimeException();
        }
        return added;
    }

    /** A file and, first, every file it imports, asking the server for those it has not sent yet. */
    private Descriptors.FileDescriptor build(String name) {
        Descriptors.FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        if (!files.containsKey(name)) {
            add(ask(ServerReflectionRequest.newBuilder().setFileByFilename(name).build()));
        }
        FileDescriptorProto file = files.get(name);
        if (file == null) {
            throw Status.NOT_FOUND.withDescription("the server's reflection does not have " + name)
                    .asRuntimeException();
        }
        List<Descriptors.FileDescriptor> imports = new ArrayList<>();
        for (String dependency : file.getDependencyList()) {
            imports.add(build(dependency));
        }
        try {
            Descriptors.FileDescriptor descriptor = Descriptors.FileDescriptor.buildFrom(file,
                    imports.toArray(Descriptors.FileDescriptor[]::new));
            built.put(name, descriptor);
            return descriptor;
        } catch (Descriptors.DescriptorValidationException e) {
            throw Status.INTERNAL.withDescription(name + " from the server's reflection does not build: "
                    + e.getDescription()).asRuntimeException();
        }
    }

    /** One question, on a stream of its own, and its one answer. */
    private ServerReflectionResponse ask(ServerReflectionRequest request) {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> questions = stub
                .withDeadlineAfter(ANSWER_SECONDS, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(Status.INTERNAL
                                .withDescription("the server's reflection ended without an answer").asRuntimeException());
                    }
                });
        questions.onNext(request);
        questions.onCompleted();
        try {
            ServerReflectionResponse response = answer.get(ANSWER_SECONDS + 1, TimeUnit.SECONDS);
            if (response.hasErrorResponse()) {
                throw Status.fromCodeValue(response.getErrorResponse().getErrorCode())
                        .withDescription(response.getErrorResponse().getErrorMessage()).asRuntimeException();
            }
            return response;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException status ? status
                    : Status.UNKNOWN.withDescription("reflection failed").asRuntimeException();
        } catch (TimeoutException e) {
            throw Status.DEADLINE_EXCEEDED.withDescription("the server's reflection did not answer in "
                    + ANSWER_SECONDS + " s").asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }
}
