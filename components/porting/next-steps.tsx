import Link from "next/link";
import type { ReactNode } from "react";
import { findCountry } from "@/lib/porting/countries";
import type { LiveRequest } from "./live-data";
import { statusDescription } from "@/lib/porting/statuses";
import { formatCalendarDate, formatDateTimeUtc } from "@/components/shared/format";

// "What happens next", in plain words, for the request's current status: the spec's description
// of the status (shared/spec/porting-requests.md, via lib/porting/statuses.ts), then what it means
// for this request.

type Props = {
  request: Pick<
    LiveRequest,
    "status" | "country" | "currentProvider" | "preferredPortingDate" | "firstPossiblePortingDate" | "phoneNumbers" | "callbackUrl"
  > &
    Partial<Pick<LiveRequest, "id" | "rejectionCodes" | "resubmittedAs" | "sandbox">>;
  distributionGroupName: string | null;
};

export function nextStepsParagraphs(props: Props): ReactNode[] {
  // A sandbox request is moved by the simulated provider and never reaches the voice numbers.
  if (!props.request.sandbox) return liveParagraphs(props);
  return [
    props.request.status === "completed" ? (
      <>This is a sandbox request: nothing was ported, and no number was added to your voice account.</>
    ) : (
      <>
        This is a sandbox request, made with a test key: the simulated provider moves it according to its{" "}
        <Link href="/docs/api#sandbox" className="font-medium text-brand-700 underline">
          magic number
        </Link>
        , and support never sees it. Emails and callbacks are sent as for a live request.
      </>
    ),
    ...(props.request.status === "completed" ? [] : liveParagraphs(props).slice(0, 1)),
  ];
}

function liveParagraphs({ request, distributionGroupName }: Props): ReactNode[] {
  const country = findCountry(request.country);
  const nl = country?.nlFlow ?? false;
  const provider = request.currentProvider;
  const count = request.phoneNumbers.length;
  const numbers = count === 1 ? "number" : `${count.toLocaleString("en")} numbers`;
  const move = count === 1 ? "moves" : "move";
  const are = count === 1 ? "is" : "are";
  const group = distributionGroupName ? (
    <>
      with distribution group <strong>{distributionGroupName}</strong>
    </>
  ) : (
    <>without a distribution group (you can set one on the Numbers page afterwards)</>
  );
  const updates = request.callbackUrl
    ? "You get an email at every status change, and a callback to your URL."
    : "You get an email at every status change.";

  switch (request.status) {
    case "requested":
      return [
        <>Support checks the request and its documents, then submits it to {provider}. {updates}</>,
        nl ? null : <>You can still cancel the request while it is Requested or In progress.</>,
      ];
    case "in_progress":
      return nl
        ? [
            <>
              {provider} checks the request against its records. It then agrees (the request becomes{" "}
              <em>Ready to be ported</em>), proposes a later date (<em>Delayed</em>), or declines (<em>Blocked</em>).{" "}
              {country?.leadTime}
            </>,
          ]
        : [
            <>
              Support completes the port with {provider}
              {request.preferredPortingDate ? <> at your preferred moment, {formatDateTimeUtc(request.preferredPortingDate)}</> : " as soon as possible"}
              . The {numbers} {are} then assigned to your voice account automatically, {group}.
            </>,
            <>You can still cancel the request while it is In progress.</>,
          ];
    case "delayed":
      return [
        request.firstPossiblePortingDate ? (
          <>
            {provider} can port the numbers on <strong>{formatCalendarDate(request.firstPossiblePortingDate)}</strong> at the
            earliest. When it confirms, the request becomes <em>Ready to be ported</em> and you perform the switch.
          </>
        ) : (
          <>When {provider} confirms a date, the request becomes Ready to be ported and you perform the switch.</>
        ),
      ];
    case "ready_to_be_ported":
      return [
        <>You have two options:</>,
        <ul key="options" className="list-disc space-y-1 pl-5">
          <li>
            <strong>Perform porting</strong>: the {numbers} {move} from {provider} to your voice account now, {group}. The
            request becomes Completed.
          </li>
          <li>
            <strong>Cancel porting</strong>: the request stops and can&apos;t be resumed; the {count === 1 ? "number stays" : "numbers stay"} with {provider}.
          </li>
        </ul>,
      ];
    case "blocked":
      if (request.resubmittedAs) {
        return [
          <>
            You corrected this request as{" "}
            <Link href={`/porting-requests/${request.resubmittedAs.id}`} className="font-medium text-brand-700 underline">
              {request.resubmittedAs.reference}
            </Link>
            ; follow it there.
          </>,
        ];
      }
      return [
        <>
          {(request.rejectionCodes?.length ?? 0) > 0 ? "Fix what is listed above" : "The reason above says what to correct"} in a{" "}
          {request.id ? (
            <Link href={`/porting-requests/new?from=${request.id}`} className="font-medium text-brand-700 underline">
              corrected request
            </Link>
          ) : (
            "corrected request"
          )}
          : it starts with everything this one holds (profile, numbers, documents and details), so you only change what
          was flagged. The numbers are free to use in it.
        </>,
      ];
    case "cancelled":
      return [
        <>
          Nothing more happens with this request. To port these numbers later,{" "}
          <Link href="/porting-requests/new" className="font-medium text-brand-700 underline">
            create a new porting request
          </Link>
          .
        </>,
      ];
    case "completed":
      return [
        <>
          The {numbers} {are} on your voice account.{" "}
          <Link href="/numbers" className="font-medium text-brand-700 underline">
            See and configure them on the Numbers page
          </Link>
          .
        </>,
      ];
  }
}

export function NextSteps(props: Props) {
  const paragraphs = nextStepsParagraphs(props).filter(Boolean);
  return (
    <div className="space-y-2 text-sm text-slate-700">
      <p>{statusDescription(props.request.status, props.request.country)}</p>
      {paragraphs.map((p, i) => (
        <div key={i}>{p}</div>
      ))}
    </div>
  );
}
