;; Never answers: loops until it is stopped.
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))
