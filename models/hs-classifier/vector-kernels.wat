;; The models' inner loops in WebAssembly (ADR 0010, 0013): the networks' layers (SIMD) and the retrieval index's walk
;; over its postings. Each computes exactly what the JavaScript it replaced computed: float32 values multiplied and
;; summed in float64, in the same order (a network row's four accumulators added as ((a0 + a1) + a2) + a3), each
;; stored value rounded to float32 once. Same bits, faster; vector-math.ts and the tests' references hold them to it.
;; Assembled by `npx tsx scripts/build-vector-kernels.ts` into vector-kernels-wasm.ts. Pointers are byte offsets.
(module
  (memory (export "memory") 1)

  ;; Σ a[u]·b[u] for u < n, as vector-math.ts's dot: lanes (0,1) of $acc01 are a0, a1; lanes of $acc23 are a2, a3.
  (func $dot (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $acc01 v128) (local $acc23 v128) (local $u i32) (local $end4 i32) (local $a0 f64) (local $pa i32) (local $pb i32)
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $four
        (br_if $done (i32.ge_u (local.get $u) (local.get $end4)))
        (local.set $pa (i32.add (local.get $a) (i32.shl (local.get $u) (i32.const 2))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $u) (i32.const 2))))
        (local.set $acc01 (f64x2.add (local.get $acc01)
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $pa)))
                     (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $pb))))))
        (local.set $acc23 (f64x2.add (local.get $acc23)
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $pa)))
                     (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $pb))))))
        (local.set $u (i32.add (local.get $u) (i32.const 4)))
        (br $four)))
    (local.set $a0 (f64x2.extract_lane 0 (local.get $acc01)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $u) (local.get $n)))
        (local.set $a0 (f64.add (local.get $a0)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $a) (i32.shl (local.get $u) (i32.const 2)))))
                   (f64.promote_f32 (f32.load (i32.add (local.get $b) (i32.shl (local.get $u) (i32.const 2))))))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $tail)))
    (f64.add (f64.add (f64.add (local.get $a0) (f64x2.extract_lane 1 (local.get $acc01)))
                      (f64x2.extract_lane 0 (local.get $acc23)))
             (f64x2.extract_lane 1 (local.get $acc23))))

  ;; out = float32(bias + ((a0 + a1) + a2) + a3)
  (func $store_row (param $out i32) (param $bias i32) (param $acc01 v128) (param $acc23 v128)
    (f32.store (local.get $out)
      (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $bias)))
        (f64.add (f64.add (f64.add (f64x2.extract_lane 0 (local.get $acc01)) (f64x2.extract_lane 1 (local.get $acc01)))
                          (f64x2.extract_lane 0 (local.get $acc23)))
                 (f64x2.extract_lane 1 (local.get $acc23)))))))

  ;; out[r - from] = bias[r] + h · rows[r] for r in [from, to) (rows: one row of `units` floats per class), as
  ;; vector-math.ts's softmaxRows before its softmax. Four rows at a time when units is a multiple of four: each row
  ;; keeps its own accumulators (the same sums), the four chains hide the additions' latency and share h's loads.
  (func (export "rows") (param $h i32) (param $rows i32) (param $bias i32) (param $from i32) (param $to i32) (param $units i32) (param $out i32)
    (local $r i32) (local $stride i32) (local $u i32) (local $p i32) (local $ph i32) (local $h01 v128) (local $h23 v128)
    (local $a01 v128) (local $a23 v128) (local $b01 v128) (local $b23 v128)
    (local $c01 v128) (local $c23 v128) (local $d01 v128) (local $d23 v128)
    (local.set $stride (i32.shl (local.get $units) (i32.const 2)))
    (local.set $r (local.get $from))
    (if (i32.eqz (i32.and (local.get $units) (i32.const 3)))
      (then
        (block $blocks_done
          (loop $block
            (br_if $blocks_done (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $to)))
            (local.set $a01 (v128.const i64x2 0 0)) (local.set $a23 (v128.const i64x2 0 0))
            (local.set $b01 (v128.const i64x2 0 0)) (local.set $b23 (v128.const i64x2 0 0))
            (local.set $c01 (v128.const i64x2 0 0)) (local.set $c23 (v128.const i64x2 0 0))
            (local.set $d01 (v128.const i64x2 0 0)) (local.set $d23 (v128.const i64x2 0 0))
            (local.set $p (i32.add (local.get $rows) (i32.mul (local.get $r) (local.get $stride))))
            (local.set $ph (local.get $h))
            (local.set $u (i32.const 0))
            (block $units_done
              (loop $unit
                (br_if $units_done (i32.ge_u (local.get $u) (local.get $units)))
                (local.set $h01 (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $ph))))
                (local.set $h23 (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $ph))))
                (local.set $a01 (f64x2.add (local.get $a01)
                  (f64x2.mul (local.get $h01) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))))))
                (local.set $a23 (f64x2.add (local.get $a23)
                  (f64x2.mul (local.get $h23) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $p))))))
                (local.set $b01 (f64x2.add (local.get $b01)
                  (f64x2.mul (local.get $h01) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $stride)))))))
                (local.set $b23 (f64x2.add (local.get $b23)
                  (f64x2.mul (local.get $h23) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (i32.add (local.get $p) (local.get $stride)))))))
                (local.set $c01 (f64x2.add (local.get $c01)
                  (f64x2.mul (local.get $h01)
                    (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))))))))
                (local.set $c23 (f64x2.add (local.get $c23)
                  (f64x2.mul (local.get $h23)
                    (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))))))))
                (local.set $d01 (f64x2.add (local.get $d01)
                  (f64x2.mul (local.get $h01)
                    (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))))))))
                (local.set $d23 (f64x2.add (local.get $d23)
                  (f64x2.mul (local.get $h23)
                    (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))))))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $ph (i32.add (local.get $ph) (i32.const 16)))
                (local.set $u (i32.add (local.get $u) (i32.const 4)))
                (br $unit)))
            (local.set $p (i32.add (local.get $out) (i32.shl (i32.sub (local.get $r) (local.get $from)) (i32.const 2))))
            (local.set $ph (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2))))
            (call $store_row (local.get $p) (local.get $ph) (local.get $a01) (local.get $a23))
            (call $store_row (i32.add (local.get $p) (i32.const 4)) (i32.add (local.get $ph) (i32.const 4)) (local.get $b01) (local.get $b23))
            (call $store_row (i32.add (local.get $p) (i32.const 8)) (i32.add (local.get $ph) (i32.const 8)) (local.get $c01) (local.get $c23))
            (call $store_row (i32.add (local.get $p) (i32.const 12)) (i32.add (local.get $ph) (i32.const 12)) (local.get $d01) (local.get $d23))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $block)))))
    ;; the rows left over (or every row when units is not a multiple of four)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $to)))
        (f32.store (i32.add (local.get $out) (i32.shl (i32.sub (local.get $r) (local.get $from)) (i32.const 2)))
          (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const 2)))))
            (call $dot (local.get $h) (i32.add (local.get $rows) (i32.mul (local.get $r) (local.get $stride))) (local.get $units)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; out = ReLU(bias + Σ_k values[k] · kernel[indices[k]]), as vector-math.ts's sparseReluLayer: each addition in
  ;; float64, rounded to float32 as it is stored (out is a float32 array there too).
  (func (export "sparse_relu") (param $kernel i32) (param $bias i32) (param $units i32) (param $indices i32) (param $values i32) (param $n i32) (param $out i32)
    (local $k i32) (local $u i32) (local $end4 i32) (local $stride i32) (local $row i32) (local $po i32) (local $pr i32)
    (local $scale f64) (local $scale2 v128)
    (memory.copy (local.get $out) (local.get $bias) (i32.shl (local.get $units) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $units) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $units) (i32.const -4)))
    (block $features_done
      (loop $feature
        (br_if $features_done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $scale (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
        (local.set $scale2 (f64x2.splat (local.get $scale)))
        (local.set $row (i32.add (local.get $kernel)
          (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride))))
        (local.set $u (i32.const 0))
        (block $four_done
          (loop $four
            (br_if $four_done (i32.ge_u (local.get $u) (local.get $end4)))
            (local.set $po (i32.add (local.get $out) (i32.shl (local.get $u) (i32.const 2))))
            (local.set $pr (i32.add (local.get $row) (i32.shl (local.get $u) (i32.const 2))))
            (v128.store64_lane 0 (local.get $po)
              (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $po)))
                (f64x2.mul (local.get $scale2) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $pr)))))))
            (v128.store64_lane offset=8 0 (local.get $po)
              (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $po)))
                (f64x2.mul (local.get $scale2) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $pr)))))))
            (local.set $u (i32.add (local.get $u) (i32.const 4)))
            (br $four)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $u) (local.get $units)))
            (local.set $po (i32.add (local.get $out) (i32.shl (local.get $u) (i32.const 2))))
            (f32.store (local.get $po)
              (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $po)))
                (f64.mul (local.get $scale) (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $u) (i32.const 2)))))))))
            (local.set $u (i32.add (local.get $u) (i32.const 1)))
            (br $tail)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $feature)))
    ;; ReLU: a value below zero becomes zero (NaN and -0 stay, as `if (x < 0) x = 0` leaves them)
    (local.set $u (i32.const 0))
    (block $relu_done
      (loop $relu
        (br_if $relu_done (i32.ge_u (local.get $u) (local.get $units)))
        (local.set $po (i32.add (local.get $out) (i32.shl (local.get $u) (i32.const 2))))
        (if (f32.lt (f32.load (local.get $po)) (f32.const 0)) (then (f32.store (local.get $po) (f32.const 0))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $relu))))

  ;; Retrieval (retrieval-index.ts): one query term's postings [from, to) add weight · their weight to their
  ;; documents' scores (float64, stored as float32); a document scored for the first time is appended to `touched`,
  ;; which must hold one more entry than there are documents. Returns the new count of touched documents.
  (func (export "accumulate_postings") (param $docs i32) (param $weights i32) (param $scores i32) (param $touched i32)
      (param $from i32) (param $to i32) (param $weight f64) (param $count i32) (result i32)
    (local $p i32) (local $d i32) (local $at i32) (local $before f32)
    (local.set $p (local.get $from))
    (block $done
      (loop $posting
        (br_if $done (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $d (i32.load (i32.add (local.get $docs) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $at (i32.add (local.get $scores) (i32.shl (local.get $d) (i32.const 2))))
        (local.set $before (f32.load (local.get $at)))
        ;; appended when scored for the first time, without a branch (which would be mispredicted often): the slot after
        ;; the last is written every time and kept only then
        (i32.store (i32.add (local.get $touched) (i32.shl (local.get $count) (i32.const 2))) (local.get $d))
        (local.set $count (i32.add (local.get $count) (f32.eq (local.get $before) (f32.const 0))))
        (f32.store (local.get $at)
          (f32.demote_f64 (f64.add (f64.promote_f32 (local.get $before))
            (f64.mul (local.get $weight) (f64.promote_f32 (f32.load (i32.add (local.get $weights) (i32.shl (local.get $p) (i32.const 2)))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $posting)))
    (local.get $count))

  ;; Retrieval: over the `count` touched documents, in order, each code's best document score into code_scores (zero
  ;; before), and the k best documents into near_ids and near_scores, best first (equal scores: the one met first stays
  ;; ahead); the touched scores are zeroed for the next query as they are read. Returns how many documents were kept.
  (func (export "gather_nearest") (param $scores i32) (param $touched i32) (param $count i32) (param $code_of i32)
      (param $code_scores i32) (param $near_ids i32) (param $near_scores i32) (param $k i32)
      (result i32)
    (local $i i32) (local $d i32) (local $s f32) (local $at i32) (local $kept i32) (local $j i32) (local $previous f32)
    (block $done
      (loop $document
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $d (i32.load (i32.add (local.get $touched) (i32.shl (local.get $i) (i32.const 2)))))
        ;; read, and zeroed for the next query (a document is touched once)
        (local.set $at (i32.add (local.get $scores) (i32.shl (local.get $d) (i32.const 2))))
        (local.set $s (f32.load (local.get $at)))
        (f32.store (local.get $at) (f32.const 0))
        ;; the code's best document
        (local.set $at (i32.add (local.get $code_scores)
          (i32.shl (i32.load16_u (i32.add (local.get $code_of) (i32.shl (local.get $d) (i32.const 1)))) (i32.const 2))))
        (if (f32.gt (local.get $s) (f32.load (local.get $at)))
          (then (f32.store (local.get $at) (local.get $s))))
        ;; the nearest documents: skipped when k are kept and it is no better than the last
        (block $skip
          (br_if $skip (i32.and (i32.eq (local.get $kept) (local.get $k))
            (f32.le (local.get $s) (f32.load (i32.add (local.get $near_scores) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))))))
          (if (i32.eq (local.get $kept) (local.get $k))
            (then (local.set $j (i32.sub (local.get $k) (i32.const 1))))
            (else
              (local.set $j (local.get $kept))
              (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
          (block $placed
            (loop $shift
              (br_if $placed (i32.eqz (local.get $j)))
              (local.set $previous (f32.load (i32.add (local.get $near_scores) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 2)))))
              (br_if $placed (i32.eqz (f32.lt (local.get $previous) (local.get $s))))
              (f32.store (i32.add (local.get $near_scores) (i32.shl (local.get $j) (i32.const 2))) (local.get $previous))
              (i32.store (i32.add (local.get $near_ids) (i32.shl (local.get $j) (i32.const 2)))
                (i32.load (i32.add (local.get $near_ids) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 2)))))
              (local.set $j (i32.sub (local.get $j) (i32.const 1)))
              (br $shift)))
          (f32.store (i32.add (local.get $near_scores) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
          (i32.store (i32.add (local.get $near_ids) (i32.shl (local.get $j) (i32.const 2))) (local.get $d)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $document)))
    (local.get $kept))

  ;; Inserts value x at position index i among the best (f32) and index (i32) arrays, starting from slot j and moving
  ;; up past every value it is strictly greater than (equal values keep the lower index first).
  (func $insert (param $index i32) (param $best i32) (param $j i32) (param $x f32) (param $i i32)
    (local $previous f32)
    (block $placed
      (loop $shift
        (br_if $placed (i32.eqz (local.get $j)))
        (local.set $previous (f32.load (i32.add (local.get $best) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 2)))))
        (br_if $placed (i32.eqz (f32.gt (local.get $x) (local.get $previous))))
        (f32.store (i32.add (local.get $best) (i32.shl (local.get $j) (i32.const 2))) (local.get $previous))
        (i32.store (i32.add (local.get $index) (i32.shl (local.get $j) (i32.const 2)))
          (i32.load (i32.add (local.get $index) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 2)))))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $shift)))
    (f32.store (i32.add (local.get $best) (i32.shl (local.get $j) (i32.const 2))) (local.get $x))
    (i32.store (i32.add (local.get $index) (i32.shl (local.get $j) (i32.const 2))) (local.get $i)))

  ;; The k largest of values[0, n), best first, equal values by lower index first (what tf.topk gives), as positions
  ;; into index and values into best; returns how many were kept (k, or n when n < k). Once k are kept, four values at
  ;; a time are compared with the k-th best and most of a row is passed over four at a time.
  (func (export "top_k") (param $values i32) (param $n i32) (param $k i32) (param $index i32) (param $best i32) (result i32)
    (local $i i32) (local $filled i32) (local $x f32) (local $last f32) (local $last4 v128) (local $end4 i32) (local $lane i32)
    (block $full
      (loop $fill
        (br_if $full (i32.or (i32.ge_u (local.get $i) (local.get $n)) (i32.ge_u (local.get $filled) (local.get $k))))
        (call $insert (local.get $index) (local.get $best) (local.get $filled)
          (f32.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 2)))) (local.get $i))
        (local.set $filled (i32.add (local.get $filled) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (if (i32.lt_u (local.get $filled) (local.get $k)) (then (return (local.get $filled))))
    (local.set $last (f32.load (i32.add (local.get $best) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))))
    (local.set $last4 (f32x4.splat (local.get $last)))
    (local.set $end4 (i32.add (local.get $i) (i32.and (i32.sub (local.get $n) (local.get $i)) (i32.const -4))))
    (block $fours_done
      (loop $four
        (br_if $fours_done (i32.ge_u (local.get $i) (local.get $end4)))
        (if (v128.any_true (f32x4.gt (v128.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 2)))) (local.get $last4)))
          (then
            (local.set $lane (i32.const 0))
            (loop $lanes
              (local.set $x (f32.load (i32.add (local.get $values) (i32.shl (i32.add (local.get $i) (local.get $lane)) (i32.const 2)))))
              (if (f32.gt (local.get $x) (local.get $last))
                (then
                  (call $insert (local.get $index) (local.get $best) (i32.sub (local.get $k) (i32.const 1)) (local.get $x)
                    (i32.add (local.get $i) (local.get $lane)))
                  (local.set $last (f32.load (i32.add (local.get $best) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))))))
              (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
              (br_if $lanes (i32.lt_u (local.get $lane) (i32.const 4))))
            (local.set $last4 (f32x4.splat (local.get $last)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $four)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (f32.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 2)))))
        (if (f32.gt (local.get $x) (local.get $last))
          (then
            (call $insert (local.get $index) (local.get $best) (i32.sub (local.get $k) (i32.const 1)) (local.get $x) (local.get $i))
            (local.set $last (f32.load (i32.add (local.get $best) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    (local.get $k))
)
