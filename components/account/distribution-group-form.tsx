"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { createDistributionGroupAction, updateDistributionGroupAction } from "@/app/(app)/distribution-groups/actions";
import { useHydrated } from "@/components/shared/use-hydrated";
import { FieldError, inputClass, LabelledField } from "@/components/ui/labelled-field";
import { formatDestination, parseDestination, phoneExample, SIP_EXAMPLE } from "@/lib/distribution-groups/destinations";
import { distributionGroupSchema, MAX_DESTINATIONS, MAX_GROUP_NAME_LENGTH } from "@/lib/distribution-groups/schemas";
import { FIELDS_NEED_ATTENTION, FormAlert, FormButtons, saveWithAction } from "./form-parts";
import { ListEditor, moveItem, useRowKeys } from "./list-editor";

// Create or edit a distribution group: its name and the ordered destinations a call rings. The
// form validates each row with the server's own rules (national numbers read in the account's
// country) and shows what each row was understood as.

type Schema = ReturnType<typeof distributionGroupSchema>;
type FormInput = z.input<Schema>;
type FormOutput = z.output<Schema>;

const fieldId = (key: string) => `group-${key.replace(/\./g, "-")}`;

export function DistributionGroupForm({
  groupId,
  initial,
  accountCountry,
}: {
  /** Present when editing. */
  groupId?: string;
  initial: { name: string; destinations: string[] };
  accountCountry: string;
}) {
  const router = useRouter();
  const schema = useMemo(() => distributionGroupSchema(accountCountry), [accountCountry]);
  const [formError, setFormError] = useState<string | null>(null);
  const keys = useRowKeys(initial.destinations.length);
  const hydrated = useHydrated();

  const {
    register,
    handleSubmit,
    setValue,
    getValues,
    trigger,
    setError,
    control,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: initial,
    mode: "onTouched",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const destinations = (useWatch({ control, name: "destinations" }) ?? initial.destinations) as string[];

  const rowError = (index: number) => (errors.destinations as Record<number, { message?: string } | undefined> | undefined)?.[index]?.message;

  function focusFirst(keysWithErrors: readonly string[]) {
    const ordered = [...keysWithErrors].sort((a, b) => rank(a) - rank(b));
    const first = ordered[0];
    if (!first) return;
    (document.getElementById(fieldId(first)) ?? document.getElementById(fieldId("destinations-0")))?.focus();
  }

  const onValid = (data: FormOutput) =>
    saveWithAction(() => (groupId ? updateDistributionGroupAction({ id: groupId, ...data }) : createDistributionGroupAction(data)), {
      what: "group",
      onSaved: (saved) => router.push(`/distribution-groups?saved=${saved.id}`),
      setFieldError: (key, message) => setError(key as FieldPath<FormInput>, { type: "server", message }),
      setFormError,
      focusFirst,
    });

  const onInvalid = (invalid: typeof errors) => {
    setFormError(FIELDS_NEED_ATTENTION);
    const found: string[] = [];
    if (invalid.name) found.push("name");
    const rows = invalid.destinations as Record<string, unknown> | undefined;
    if (rows) {
      for (const key of Object.keys(rows)) if (/^\d+$/.test(key)) found.push(`destinations.${key}`);
      if (found.length === 0 || !found.some((k) => k.startsWith("destinations"))) found.push("destinations.0");
    }
    focusFirst(found);
  };

  const revalidate = () => isSubmitted || Boolean(errors.destinations);

  return (
    <form onSubmit={handleSubmit(onValid, onInvalid)} noValidate data-ready={hydrated ? "true" : undefined} className="space-y-6">
      <FormAlert message={formError} />

      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <LabelledField id={fieldId("name")} label="Name" required error={errors.name?.message} hint="For example the office or team whose phones ring.">
          {(props) => (
            <input
              {...props}
              {...register("name")}
              type="text"
              autoComplete="off"
              maxLength={MAX_GROUP_NAME_LENGTH + 20}
              className={inputClass(Boolean(errors.name))}
            />
          )}
        </LabelledField>
      </div>

      <fieldset className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" aria-describedby="destinations-help">
        <legend className="float-left w-full text-base font-semibold text-slate-900">Destinations</legend>
        <p id="destinations-help" className="clear-both pt-1 text-sm text-slate-600">
          A call rings these in order, top first. Each is a SIP URI, such as {SIP_EXAMPLE}, or a phone number, such as{" "}
          {phoneExample(accountCountry)}. Use the arrows to change the order.
        </p>
        <div className="mt-4">
          <ListEditor
            idPrefix={fieldId("destinations")}
            itemLabel="Destination"
            values={destinations}
            keys={keys.keys}
            errorFor={rowError}
            onChange={(index, value) =>
              setValue(`destinations.${index}`, value, { shouldDirty: true, shouldValidate: revalidate() || Boolean(rowError(index)) })
            }
            onBlur={(index) => {
              if ((destinations[index] ?? "").trim() !== "") void trigger(`destinations.${index}`);
            }}
            onAdd={() => {
              setValue("destinations", [...(getValues("destinations") ?? []), ""], { shouldDirty: true });
              keys.add();
            }}
            onRemove={(index) => {
              setValue(
                "destinations",
                (getValues("destinations") ?? []).filter((_, i) => i !== index),
                { shouldDirty: true, shouldValidate: revalidate() },
              );
              keys.remove(index);
            }}
            onMove={(from, to) => {
              setValue("destinations", moveItem(getValues("destinations") ?? [], from, to), { shouldDirty: true, shouldValidate: revalidate() });
              keys.move(from, to);
            }}
            max={MAX_DESTINATIONS}
            addLabel="Add a destination"
            placeholder={`${SIP_EXAMPLE} or ${phoneExample(accountCountry)}`}
            autoComplete="off"
            describe={(index) => {
              const value = destinations[index] ?? "";
              if (!value.trim() || rowError(index)) return null;
              const parsed = parseDestination(value, accountCountry);
              if (!parsed.ok) return null;
              return parsed.kind === "sip" ? "SIP URI" : `Phone number ${formatDestination(parsed.value)}`;
            }}
          />
          <FieldError id={`${fieldId("destinations")}-error`}>{errors.destinations?.message ?? errors.destinations?.root?.message}</FieldError>
        </div>
      </fieldset>

      <FormButtons cancelHref="/distribution-groups" label={groupId ? "Save changes" : "Create group"} submitting={isSubmitting} hydrated={hydrated} />
    </form>
  );
}

function rank(key: string): number {
  if (key === "name") return -1;
  const index = Number(key.split(".")[1]);
  return Number.isFinite(index) ? index : 0;
}
