package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.spi.Bean;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Cache;
import com.google.api.Http;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;

import io.grpclab.grpc.FieldViolations;
import io.grpclab.transcoding.HttpRules;
import io.grpclab.transcoding.StatusDetails;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the app registers for reflection in a native image is exactly what the libraries look up by reflection at run
 * time: nothing missing (the executable would fail where the JVM works) and nothing unused (it would only weigh).
 */
@QuarkusTest
class NativeImageReflectionTests {

    private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.";

    /** Caffeine picks a cache class and a node class by the builder's options and loads both by name. */
    @Test
    void eachBeanHoldingCachesRegistersExactlyTheClassesItsCachesUse() throws Exception {
        int caches = 0;
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class)) {
            Class<?> type = bean.getBeanClass();
            Set<Field> cacheFields = cacheFields(type);
            if (!type.getName().startsWith("io.grpclab.") || cacheFields.isEmpty()
                    || bean.getTypes().stream().noneMatch(type::equals)) {
                continue;
            }
            Object instance = ClientProxy.unwrap(Arc.container().instance(type).get());
            Set<String> used = new TreeSet<>();
            for (Field field : cacheFields) {
                field.setAccessible(true);
                Object map = ((Cache<?, ?>) field.get(instance)).asMap();
                used.add(map.getClass().getName());
                used.add(nodeFactory(map).getClass().getName());
                caches++;
            }
            RegisterForReflection registered = type.getAnnotation(RegisterForReflection.class);
            assertThat(registered).as("%s holds Caffeine caches", type.getSimpleName()).isNotNull();
            assertThat(new TreeSet<>(Arrays.asList(registered.classNames()))).as(type.getSimpleName())
                    .isEqualTo(used);
        }
        assertThat(caches).as("caches found in the app's beans").isGreaterThanOrEqualTo(8);
    }

    /**
     * A generated message's accessor table (what JsonFormat reads and writes through, and what protobuf 4 builds to
     * answer getDescriptorForType) is made by reflection on the message, its builder, and the {@code newBuilder} of
     * each message type its fields hold.
     */
    @Test
    void theHttpRuleReaderRegistersTheAccessorsOfEveryMessageAnHttpHolds() {
        assertThat(targets(HttpRules.class)).isEqualTo(accessorClasses(reachable(Http.getDefaultInstance())));
    }

    /** A status detail is an Any whose content JsonFormat prints as a dynamic message, which needs no reflection. */
    @Test
    void theStatusDetailsPrinterRegistersAnysAccessors() {
        assertThat(targets(StatusDetails.class)).isEqualTo(accessorClasses(Set.of(Any.getDefaultInstance())));
    }

    /** Any.pack asks the BadRequest for its descriptor, no more. */
    @Test
    void theFieldViolationsRegisterBadRequestsAccessors() {
        assertThat(targets(FieldViolations.class)).isEqualTo(accessorClasses(Set.of(BadRequest.getDefaultInstance())));
    }

    private static Set<Field> cacheFields(Class<?> type) {
        Set<Field> fields = new LinkedHashSet<>();
        for (Field field : type.getDeclaredFields()) {
            if (Cache.class.isAssignableFrom(field.getType())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static Object nodeFactory(Object boundedCache) throws ReflectiveOperationException {
        for (Class<?> type = boundedCache.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(CAFFEINE + "BoundedLocalCache")) {
                Field field = type.getDeclaredField("nodeFactory");
                field.setAccessible(true);
                return field.get(boundedCache);
            }
        }
        throw new AssertionError(boundedCache.getClass() + " is not a bounded Caffeine cache");
    }

    /** The classes registered, nested ones not included: each is named. */
    private static Set<String> targets(Class<?> type) {
        RegisterForReflection registered = type.getAnnotation(RegisterForReflection.class);
        assertThat(registered.ignoreNested()).as("%s registers only the classes it names", type.getSimpleName())
                .isTrue();
        Set<String> names = new TreeSet<>();
        for (Class<?> target : registered.targets()) {
            names.add(target.getName());
        }
        return names;
    }

    /** What building each message's accessor table reflects on. */
    private static Set<String> accessorClasses(Set<Message> messages) {
        Set<String> names = new TreeSet<>();
        for (Message message : messages) {
            names.add(message.getClass().getName());
            names.add(message.newBuilderForType().getClass().getName());
            for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    names.add(message.newBuilderForType().newBuilderForField(field).getDefaultInstanceForType()
                            .getClass().getName());
                }
            }
        }
        return names;
    }

    /** The message and every message its fields hold, transitively. */
    private static Set<Message> reachable(Message root) {
        Set<Message> found = new LinkedHashSet<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Message> todo = new ArrayDeque<>(Set.of(root));
        while (!todo.isEmpty()) {
            Message message = todo.pop();
            if (seen.add(message.getClass())) {
                found.add(message);
                for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
                    assertThat(field.getJavaType()).as("an enum's class is looked up too: register it")
                            .isNotEqualTo(FieldDescriptor.JavaType.ENUM);
                    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                        todo.push(message.newBuilderForType().newBuilderForField(field).getDefaultInstanceForType());
                    }
                }
            }
        }
        return found;
    }
}
