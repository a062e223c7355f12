import { buttons, fromVouch, p, renderEmail, small } from "./layout.ts";
import type { BaseProps, Named, RenderedEmail } from "./types.ts";
import { shownName } from "./user-text.ts";

/** A sign-in link. */
export interface MagicLinkProps extends BaseProps {
  recipient?: Named;
  url: string;
  expiresInMinutes: number;
}

export function magicLink(props: MagicLinkProps): RenderedEmail {
  const hello = props.recipient ? `Hi ${shownName(props.recipient).first},` : "Hi,";
  const minutes = Math.max(1, Math.round(props.expiresInMinutes));
  return renderEmail({
    subject: "Your Vouch sign-in link",
    blocks: [
      p(hello),
      p("Here's your link to sign in to Vouch:"),
      buttons({ label: "Sign in to Vouch", url: props.url, primary: true }),
      p(`It works once and expires in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`),
      small("If you didn't ask for it, you can ignore this email: nobody can sign in without it."),
      fromVouch(),
    ],
    footer: "Sent by Vouch because someone asked to sign in with this address.",
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
