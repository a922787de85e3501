// Timeouts and cancellation: context deadlines, select with ctx.Done, loops
// that stop when cancelled.
import { goFeatures } from '../goVersion';
import { capitalize, durationExpression } from '../names';
import type { Pattern } from '../types';
import { generated, notes, param, pre118, std } from './common';

export const contextTimeout: Pattern = {
  id: 'context-timeout',
  title: { en: 'context.WithTimeout + defer cancel', ko: 'context.WithTimeout + defer cancel' },
  summary: {
    en: 'Bounds an operation with a deadline derived from the caller’s context, so the caller’s cancellation still wins.',
    ko: '호출자의 컨텍스트에서 파생한 기한으로 작업을 제한합니다. 호출자의 취소가 여전히 우선합니다.',
  },
  params: [param('name', 'identifier', 'WithDeadline', 'Function name', '함수 이름'), param('timeout', 'duration', '5s', 'Timeout', '제한 시간')],
  generate(a) {
    const name = a.name!;
    const d = durationExpression(a.timeout!)!;
    const code = `
// ${name} runs op with a ${a.timeout} deadline derived from ctx. cancel is
// deferred so the timer is released even when op returns early.
func ${name}(ctx context.Context, op func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, ${d})
	defer cancel()
	if err := op(ctx); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("timed out after %s: %w", ${d}, err)
		}
		return err
	}
	return nil
}
`;
    const test = `
func Test${capitalize(name)}TimesOut(t *testing.T) {
	err := ${name}(context.Background(), func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want a deadline error", err)
	}
}
`;
    return generated(code, [std.context, std.errors, std.fmt, std.time], { test: { code: test, imports: [std.context, std.errors, std.testing] } });
  },
};

export const selectTimeout: Pattern = {
  id: 'select-timeout',
  title: { en: 'select on a result or ctx.Done()', ko: '결과와 ctx.Done() 에 대한 select' },
  summary: {
    en: 'Runs a blocking call in a goroutine and returns when it finishes, the deadline passes or the caller cancels; the buffered channel lets the goroutine finish even after we gave up.',
    ko: '막히는 호출을 고루틴에서 실행하고, 끝나거나 기한이 지나거나 호출자가 취소하면 돌아옵니다. 버퍼 채널 덕분에 포기한 뒤에도 고루틴이 끝날 수 있습니다.',
  },
  params: [
    param('name', 'identifier', 'FetchWithTimeout', 'Function name', '함수 이름'),
    pre118(param('result', 'type', '[]byte', 'Result type (before Go 1.18)', '결과 타입 (Go 1.18 미만)')),
    param('timeout', 'duration', '5s', 'Timeout', '제한 시간'),
  ],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const d = durationExpression(a.timeout!)!;
    const [tp, T] = f.generics ? ['[T any]', 'T'] : ['', a.result!];
    const code = `
// ${name} waits at most ${a.timeout} for fetch. fetch receives the derived ctx
// and should return soon after it is done; the result channel is buffered so
// the goroutine never blocks (and leaks) when nobody is waiting any more.
func ${name}${tp}(ctx context.Context, fetch func(context.Context) (${T}, error)) (${T}, error) {
	ctx, cancel := context.WithTimeout(ctx, ${d})
	defer cancel()
	type outcome struct {
		value ${T}
		err   error
	}
	done := make(chan outcome, 1)
	go func() {
		v, err := fetch(ctx)
		done <- outcome{v, err}
	}()
	select {
	case o := <-done:
		return o.value, o.err
	case <-ctx.Done():
		var zero ${T}
		return zero, ctx.Err()
	}
}
`;
    const call = f.generics ? `${name}[${a.result!}]` : name;
    const test = `
func Test${capitalize(name)}Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ${call}(ctx, func(ctx context.Context) (${a.result!}, error) {
		<-ctx.Done()
		var zero ${a.result!}
		return zero, ctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
`;
    return generated(code, [std.context, std.time], {
      notes: f.generics ? [] : [notes.noGenerics],
      test: { code: test, imports: [std.context, std.errors, std.testing] },
    });
  },
};

export const cancelLoop: Pattern = {
  id: 'cancel-loop',
  title: { en: 'Loop that stops on cancellation', ko: '취소되면 멈추는 루프' },
  summary: {
    en: 'Repeats a step until it reports done, fails, or ctx is cancelled; checks ctx between steps and passes it into each step.',
    ko: '단계가 끝났다고 하거나 실패하거나 ctx 가 취소될 때까지 반복합니다. 단계 사이에 ctx 를 확인하고 각 단계에 넘깁니다.',
  },
  params: [param('name', 'identifier', 'ProcessUntilDone', 'Function name', '함수 이름')],
  generate(a) {
    const name = a.name!;
    const code = `
// ${name} calls step until it reports done or fails, and stops with
// ctx.Err() as soon as ctx is cancelled. step gets ctx too: a step that
// blocks without watching ctx makes cancellation wait for it.
func ${name}(ctx context.Context, step func(context.Context) (done bool, err error)) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		done, err := step(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}
`;
    const test = `
func Test${capitalize(name)}StopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := ${name}(ctx, func(context.Context) (bool, error) {
		calls++
		if calls == 3 {
			cancel()
		}
		return false, nil
	})
	if !errors.Is(err, context.Canceled) || calls != 3 {
		t.Fatalf("err=%v calls=%d, want context.Canceled after 3 calls", err, calls)
	}
}
`;
    return generated(code, [std.context], { test: { code: test, imports: [std.context, std.errors, std.testing] } });
  },
};
