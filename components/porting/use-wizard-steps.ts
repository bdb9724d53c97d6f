"use client";

import { useEffect, useRef, useState } from "react";
import { stepIndex, type StepVerdict } from "./new-request-model";

const REVIEW = stepIndex("review");

/**
 * Where the create flow is: the current step, the furthest one reached, and moving between them.
 * Going back is free; going forward checks every step on the way and stops at the first that
 * fails. Each move puts focus on the new step's heading, so a screen reader announces it.
 */
export function useWizardSteps(validateStep: (index: number) => Promise<StepVerdict>, start = 0) {
  // `start` > 0 (a corrected request opens on the review): every step before it counts as reached.
  const [step, setStep] = useState(start);
  const [reached, setReached] = useState(start);
  const [advancing, setAdvancing] = useState(false);
  const [returnToReview, setReturnToReview] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const focusHeading = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    heading.current?.focus();
  }, [step]);

  function show(index: number) {
    focusHeading.current = true;
    setMessage(null);
    setStep(index);
  }

  async function goTo(target: number) {
    if (target === step) return;
    if (target < step) return show(target);
    setAdvancing(true);
    setMessage(null);
    try {
      for (let i = step; i < target; i++) {
        const verdict = await validateStep(i);
        if (!verdict.ok) {
          if (i !== step) show(i);
          else if (verdict.message) setMessage(verdict.message);
          return;
        }
      }
      if (target === REVIEW) setReturnToReview(false);
      setReached((r) => Math.max(r, target));
      show(target);
    } finally {
      setAdvancing(false);
    }
  }

  /** Checks every step before the review again (something may have changed); the first that fails, or null. */
  async function firstFailingStep(): Promise<number | null> {
    setAdvancing(true);
    try {
      for (let i = 0; i < REVIEW; i++) {
        if (!(await validateStep(i)).ok) return i;
      }
      return null;
    } finally {
      setAdvancing(false);
    }
  }

  function editFromReview(index: number) {
    setReturnToReview(true);
    show(index);
  }

  return { step, reached, advancing, returnToReview, setReturnToReview, message, heading, show, goTo, firstFailingStep, editFromReview };
}
