package io.grpclab.grpc;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;

/**
 * The protobuf descriptors of the services this app serves, and methods to call any of them with messages built from
 * those descriptors alone (no generated class): what the transcoder and the lab's explorer call through.
 */
public final class ServiceDescriptors {

    private ServiceDescriptors() {
    }

    /** The descriptor of each service that has one (a generated protobuf service does). */
    public static List<Descriptors.ServiceDescriptor> of(Iterable<BindableService> services) {
        List<Descriptors.ServiceDescriptor> descriptors = new ArrayList<>();
        for (BindableService service : services) {
            if (service.bindService().getServiceDescriptor()
                    .getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier supplier) {
                descriptors.add(supplier.getServiceDescriptor());
            }
        }
        return descriptors;
    }

    /** The method as grpc-java calls it, of its own streaming kind, with dynamic messages both ways. */
    public static MethodDescriptor<DynamicMessage, DynamicMessage> dynamic(Descriptors.MethodDescriptor method) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage> newBuilder()
                .setType(type(method))
                .setFullMethodName(MethodDescriptor.generateFullMethodName(method.getService().getFullName(),
                        method.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
    }

    public static MethodDescriptor.MethodType type(Descriptors.MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming() ? MethodDescriptor.MethodType.BIDI_STREAMING
                    : MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING
                : MethodDescriptor.MethodType.UNARY;
    }
}
