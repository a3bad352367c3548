// A button that acts only when held: a bid must be a deliberate gesture, never a stray tap
// on a phone. Pointer: press and hold for `ms` while a bar fills; letting go early does
// nothing (and says to hold). Keyboard: hold Enter or Space the same way. Assistive
// technology that can only click (no key or pointer events): the first activation arms the
// button ("Activate again to confirm"), a second within a few seconds confirms.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const HOLD_MS = 600;
const ARM_MS = 4000;

export function HoldButton({ label, sub, disabled, onConfirm, class: cls, testId }: {
  label: string;
  sub?: ComponentChildren;
  disabled?: boolean;
  onConfirm: () => void;
  class?: string;
  testId?: string;
}) {
  const [progress, setProgress] = useState(0);
  const [hint, setHint] = useState('');
  const [armed, setArmed] = useState(false);
  const t0 = useRef(0);
  const raf = useRef(0);
  const holding = useRef(false);
  const armTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopAnim = () => {
    cancelAnimationFrame(raf.current);
    raf.current = 0;
  };
  useEffect(() => () => {
    stopAnim();
    if (armTimer.current) clearTimeout(armTimer.current);
  }, []);
  useEffect(() => {
    if (disabled) release(false);
  }, [disabled]);
  // A new label is a new offer (the price moved): nothing armed or half-held carries over.
  useEffect(() => {
    setArmed(false);
    setHint('');
  }, [label]);

  const press = () => {
    if (disabled || holding.current) return;
    holding.current = true;
    setHint('');
    t0.current = performance.now();
    const step = () => {
      const p = Math.min(1, (performance.now() - t0.current) / HOLD_MS);
      setProgress(p);
      if (p >= 1) {
        holding.current = false;
        stopAnim();
        setProgress(0);
        onConfirm();
        return;
      }
      raf.current = requestAnimationFrame(step);
    };
    raf.current = requestAnimationFrame(step);
  };
  const release = (early = true) => {
    if (!holding.current) return;
    holding.current = false;
    stopAnim();
    setProgress(0);
    if (early) setHint('Keep holding until the bar fills.');
  };

  return (
    <div class={`hold ${cls ?? ''}`}>
      <button type="button" class="hold-btn" disabled={disabled} data-testid={testId} data-progress={progress.toFixed(2)}
        aria-describedby={hint || armed ? `${testId ?? 'hold'}-hint` : undefined}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
          press();
        }}
        onPointerUp={() => release()}
        onPointerCancel={() => release(false)}
        onLostPointerCapture={() => release(false)}
        onContextMenu={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault(); // no click from the key: the hold decides
          if (!e.repeat) press();
        }}
        onKeyUp={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault(); // Space clicks on key up: not here
          release();
        }}
        onBlur={() => release(false)}
        onClick={(e) => {
          // Pointer clicks (detail > 0) were handled as a hold. A click with no pointer
          // or key behind it comes from assistive technology: confirm it in two steps.
          if (e.detail > 0 || disabled) return;
          if (armed) {
            setArmed(false);
            if (armTimer.current) clearTimeout(armTimer.current);
            onConfirm();
            return;
          }
          setArmed(true);
          armTimer.current = setTimeout(() => setArmed(false), ARM_MS);
        }}>
        <span class="hold-fill" aria-hidden="true" style={{ transform: `scaleX(${progress})` }} />
        <span class="hold-label">{armed ? `Confirm: ${label.replace(/^Hold to /, '')}` : label}</span>
        {sub && <span class="hold-sub">{sub}</span>}
      </button>
      {(hint || armed) && <p class="hold-hint" id={`${testId ?? 'hold'}-hint`}>{armed ? 'Activate again to confirm.' : hint}</p>}
    </div>
  );
}
