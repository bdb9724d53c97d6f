import type { CompanyProfileDto } from "@/lib/company-profiles/dto";
import { isCountryCode } from "@/lib/porting/countries";
import type { CountryCode } from "@/lib/porting/values";
import type { CompanyProfileFormValues } from "./company-profile-form";

// What the profile form starts from: a stored profile (edit) or sensible defaults (new).

export function formValuesOf(profile: CompanyProfileDto): CompanyProfileFormValues {
  return {
    name: profile.name,
    companyName: profile.companyName,
    registrationNumber: profile.registrationNumber ?? "",
    vatNumber: profile.vatNumber ?? "",
    representativeFirstName: profile.representative.firstName ?? "",
    representativeLastName: profile.representative.lastName ?? "",
    representativePhone: profile.representative.phone ?? "",
    street: profile.address.street ?? "",
    postalCode: profile.address.postalCode ?? "",
    city: profile.address.city ?? "",
    addressCountry: profile.address.country ?? "",
    country: (isCountryCode(profile.country) ? profile.country : "NL") as CountryCode,
    numberTypes: profile.numberTypes,
    notificationEmails: profile.notificationEmails.length > 0 ? profile.notificationEmails : [""],
  };
}

/** A new profile: the account's country (when we port from it) and the user's own address to notify. */
export function newFormValues(accountCountry: string, email: string): CompanyProfileFormValues {
  const country: CountryCode = isCountryCode(accountCountry) ? accountCountry : "NL";
  return {
    name: "",
    companyName: "",
    registrationNumber: "",
    vatNumber: "",
    representativeFirstName: "",
    representativeLastName: "",
    representativePhone: "",
    street: "",
    postalCode: "",
    city: "",
    addressCountry: country,
    country,
    numberTypes: [],
    notificationEmails: [email],
  };
}
