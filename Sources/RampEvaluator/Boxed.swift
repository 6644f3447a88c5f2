/// A value kept on the heap, so that a struct holding it stays small in the
/// arrays that hold many of them, and copying it copies one reference.
final class Boxed<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
