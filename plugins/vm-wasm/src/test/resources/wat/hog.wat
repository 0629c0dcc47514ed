;; Asks for 64 MiB more memory at once and says whether it got them.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Content-Type: text/plain\n\ngranted")
  (data (i32.const 64) "Content-Type: text/plain\n\nrefused")
  (func (export "_start")
    (i32.store (i32.const 100)
      (select (i32.const 64) (i32.const 0) (i32.eq (memory.grow (i32.const 1024)) (i32.const -1))))
    (i32.store (i32.const 104) (i32.const 33))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108)))))
