export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      check_in_answers: {
        Row: {
          check_in_id: string;
          commitment_id: string;
          evidence_url: string | null;
          note: string | null;
          pledge_id: string;
          status: Database["public"]["Enums"]["commitment_status"];
        };
        ComputedFields: never;
        Insert: {
          check_in_id: string;
          commitment_id: string;
          evidence_url?: string | null;
          note?: string | null;
          pledge_id: string;
          status: Database["public"]["Enums"]["commitment_status"];
        };
        Update: {
          check_in_id?: string;
          commitment_id?: string;
          evidence_url?: string | null;
          note?: string | null;
          pledge_id?: string;
          status?: Database["public"]["Enums"]["commitment_status"];
        };
        Relationships: [
          {
            foreignKeyName: "check_in_answers_check_in_id_pledge_id_fkey";
            columns: ["check_in_id", "pledge_id"];
            isOneToOne: false;
            referencedRelation: "check_ins";
            referencedColumns: ["id", "pledge_id"];
          },
          {
            foreignKeyName: "check_in_answers_commitment_id_pledge_id_fkey";
            columns: ["commitment_id", "pledge_id"];
            isOneToOne: false;
            referencedRelation: "commitments";
            referencedColumns: ["id", "pledge_id"];
          },
        ];
      };
      check_in_sends: {
        Row: {
          claimed_at: string;
          occasion: string;
          pledge_id: string;
          sent: boolean;
        };
        ComputedFields: never;
        Insert: {
          claimed_at?: string;
          occasion: string;
          pledge_id: string;
          sent: boolean;
        };
        Update: {
          claimed_at?: string;
          occasion?: string;
          pledge_id?: string;
          sent?: boolean;
        };
        Relationships: [
          {
            foreignKeyName: "check_in_sends_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "check_in_sends_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      check_ins: {
        Row: {
          evidence_published: boolean | null;
          id: string;
          pledge_id: string;
          reason: string | null;
          review: string;
          reviewed_at: string | null;
          reviewed_by: string | null;
          source: string;
          statement: string | null;
          submitted_at: string;
        };
        ComputedFields: never;
        Insert: {
          evidence_published?: boolean | null;
          id?: string;
          pledge_id: string;
          reason?: string | null;
          review?: string;
          reviewed_at?: string | null;
          reviewed_by?: string | null;
          source: string;
          statement?: string | null;
          submitted_at?: string;
        };
        Update: {
          evidence_published?: boolean | null;
          id?: string;
          pledge_id?: string;
          reason?: string | null;
          review?: string;
          reviewed_at?: string | null;
          reviewed_by?: string | null;
          source?: string;
          statement?: string | null;
          submitted_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "check_ins_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "check_ins_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      commitment_status_changes: {
        Row: {
          changed_at: string;
          check_in_id: string | null;
          commitment_id: string;
          from_status: Database["public"]["Enums"]["commitment_status"] | null;
          id: number;
          recorded_at: string;
          to_status: Database["public"]["Enums"]["commitment_status"];
        };
        ComputedFields: never;
        Insert: {
          changed_at: string;
          check_in_id?: string | null;
          commitment_id: string;
          from_status?: Database["public"]["Enums"]["commitment_status"] | null;
          id?: never;
          recorded_at?: string;
          to_status: Database["public"]["Enums"]["commitment_status"];
        };
        Update: {
          changed_at?: string;
          check_in_id?: string | null;
          commitment_id?: string;
          from_status?: Database["public"]["Enums"]["commitment_status"] | null;
          id?: never;
          recorded_at?: string;
          to_status?: Database["public"]["Enums"]["commitment_status"];
        };
        Relationships: [
          {
            foreignKeyName: "commitment_status_changes_check_in_id_fkey";
            columns: ["check_in_id"];
            isOneToOne: false;
            referencedRelation: "check_ins";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "commitment_status_changes_commitment_id_fkey";
            columns: ["commitment_id"];
            isOneToOne: false;
            referencedRelation: "commitments";
            referencedColumns: ["id"];
          },
        ];
      };
      commitments: {
        Row: {
          action_id: string | null;
          evidence_accepted_at: string | null;
          evidence_url: string | null;
          id: string;
          note: string | null;
          pledge_id: string;
          status: Database["public"]["Enums"]["commitment_status"];
          status_since: string;
        };
        ComputedFields: never;
        Insert: {
          action_id?: string | null;
          evidence_accepted_at?: string | null;
          evidence_url?: string | null;
          id?: string;
          note?: string | null;
          pledge_id: string;
          status?: Database["public"]["Enums"]["commitment_status"];
          status_since?: string;
        };
        Update: {
          action_id?: string | null;
          evidence_accepted_at?: string | null;
          evidence_url?: string | null;
          id?: string;
          note?: string | null;
          pledge_id?: string;
          status?: Database["public"]["Enums"]["commitment_status"];
          status_since?: string;
        };
        Relationships: [
          {
            foreignKeyName: "commitments_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "commitments_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      officer_activity: {
        Row: {
          action: string;
          at: string;
          detail: string | null;
          done_by: string;
          id: number;
          officer_id: string;
          pledge_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          action: string;
          at?: string;
          detail?: string | null;
          done_by: string;
          id?: never;
          officer_id: string;
          pledge_id?: string | null;
        };
        Update: {
          action?: string;
          at?: string;
          detail?: string | null;
          done_by?: string;
          id?: never;
          officer_id?: string;
          pledge_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "officer_activity_officer_id_fkey";
            columns: ["officer_id"];
            isOneToOne: false;
            referencedRelation: "officers";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "officer_activity_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "officer_activity_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      officer_sessions: {
        Row: {
          ended_at: string | null;
          expires_at: string;
          officer_id: string;
          started_at: string;
          token_hash: string;
        };
        ComputedFields: never;
        Insert: {
          ended_at?: string | null;
          expires_at: string;
          officer_id: string;
          started_at?: string;
          token_hash: string;
        };
        Update: {
          ended_at?: string | null;
          expires_at?: string;
          officer_id?: string;
          started_at?: string;
          token_hash?: string;
        };
        Relationships: [
          {
            foreignKeyName: "officer_sessions_officer_id_fkey";
            columns: ["officer_id"];
            isOneToOne: false;
            referencedRelation: "officers";
            referencedColumns: ["id"];
          },
        ];
      };
      officer_sign_in_codes: {
        Row: {
          code_hash: string;
          expires_at: string;
          officer_id: string;
          tries_left: number;
        };
        ComputedFields: never;
        Insert: {
          code_hash: string;
          expires_at: string;
          officer_id: string;
          tries_left: number;
        };
        Update: {
          code_hash?: string;
          expires_at?: string;
          officer_id?: string;
          tries_left?: number;
        };
        Relationships: [
          {
            foreignKeyName: "officer_sign_in_codes_officer_id_fkey";
            columns: ["officer_id"];
            isOneToOne: true;
            referencedRelation: "officers";
            referencedColumns: ["id"];
          },
        ];
      };
      officers: {
        Row: {
          added_at: string;
          added_by: string;
          email: string;
          id: string;
          name: string;
          removed_at: string | null;
          removed_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          added_at?: string;
          added_by: string;
          email: string;
          id?: string;
          name: string;
          removed_at?: string | null;
          removed_by?: string | null;
        };
        Update: {
          added_at?: string;
          added_by?: string;
          email?: string;
          id?: string;
          name?: string;
          removed_at?: string | null;
          removed_by?: string | null;
        };
        Relationships: [];
      };
      pledge_address_changes: {
        Row: {
          code_hash: string;
          new_email: string;
          pledge_id: string;
          requested_at: string;
          tries_left: number;
        };
        ComputedFields: never;
        Insert: {
          code_hash: string;
          new_email: string;
          pledge_id: string;
          requested_at?: string;
          tries_left: number;
        };
        Update: {
          code_hash?: string;
          new_email?: string;
          pledge_id?: string;
          requested_at?: string;
          tries_left?: number;
        };
        Relationships: [
          {
            foreignKeyName: "pledge_address_changes_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: true;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "pledge_address_changes_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: true;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      pledge_changes: {
        Row: {
          decided_at: string | null;
          decided_by: string | null;
          id: number;
          outcome: string;
          pledge_id: string;
          previous: NonNullable<Json>;
          private_fields: string[];
          proposed: NonNullable<Json>;
          reason: string | null;
          requested_at: string;
        };
        ComputedFields: never;
        Insert: {
          decided_at?: string | null;
          decided_by?: string | null;
          id?: never;
          outcome: string;
          pledge_id: string;
          previous?: NonNullable<Json>;
          private_fields?: string[];
          proposed?: NonNullable<Json>;
          reason?: string | null;
          requested_at?: string;
        };
        Update: {
          decided_at?: string | null;
          decided_by?: string | null;
          id?: never;
          outcome?: string;
          pledge_id?: string;
          previous?: NonNullable<Json>;
          private_fields?: string[];
          proposed?: NonNullable<Json>;
          reason?: string | null;
          requested_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "pledge_changes_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "pledge_changes_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      pledge_confirmation_sends: {
        Row: {
          id: number;
          pledge_id: string;
          sent_at: string;
        };
        ComputedFields: never;
        Insert: {
          id?: never;
          pledge_id: string;
          sent_at?: string;
        };
        Update: {
          id?: never;
          pledge_id?: string;
          sent_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "pledge_confirmation_sends_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "pledge_confirmation_sends_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      pledge_confirmations: {
        Row: {
          code_hash: string;
          pledge_id: string;
          reminded_at: string | null;
          tries_left: number;
        };
        ComputedFields: never;
        Insert: {
          code_hash: string;
          pledge_id: string;
          reminded_at?: string | null;
          tries_left: number;
        };
        Update: {
          code_hash?: string;
          pledge_id?: string;
          reminded_at?: string | null;
          tries_left?: number;
        };
        Relationships: [
          {
            foreignKeyName: "pledge_confirmations_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: true;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "pledge_confirmations_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: true;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      pledge_status_changes: {
        Row: {
          changed_at: string;
          changed_by: string;
          from_status: Database["public"]["Enums"]["pledge_status"] | null;
          id: number;
          pledge_id: string;
          reason: string | null;
          to_status: Database["public"]["Enums"]["pledge_status"];
        };
        ComputedFields: never;
        Insert: {
          changed_at?: string;
          changed_by: string;
          from_status?: Database["public"]["Enums"]["pledge_status"] | null;
          id?: never;
          pledge_id: string;
          reason?: string | null;
          to_status: Database["public"]["Enums"]["pledge_status"];
        };
        Update: {
          changed_at?: string;
          changed_by?: string;
          from_status?: Database["public"]["Enums"]["pledge_status"] | null;
          id?: never;
          pledge_id?: string;
          reason?: string | null;
          to_status?: Database["public"]["Enums"]["pledge_status"];
        };
        Relationships: [
          {
            foreignKeyName: "pledge_status_changes_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "pledge_status_changes_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      pledger_link_sends: {
        Row: {
          address_hash: string | null;
          id: number;
          pledge_id: string;
          purpose: string;
          sent_at: string;
        };
        ComputedFields: never;
        Insert: {
          address_hash?: string | null;
          id?: never;
          pledge_id: string;
          purpose: string;
          sent_at?: string;
        };
        Update: {
          address_hash?: string | null;
          id?: never;
          pledge_id?: string;
          purpose?: string;
          sent_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "pledger_link_sends_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "pledges";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "pledger_link_sends_pledge_id_fkey";
            columns: ["pledge_id"];
            isOneToOne: false;
            referencedRelation: "public_signatories";
            referencedColumns: ["id"];
          },
        ];
      };
      pledges: {
        Row: {
          actions: string[];
          approval_noticed_at: string | null;
          channel: Database["public"]["Enums"]["pledge_channel"];
          charter_version: string;
          commitment: string | null;
          contact_email: string | null;
          contact_erased_at: string | null;
          contact_name: string | null;
          created_at: string;
          decided_at: string | null;
          erased_at: string | null;
          form_dated: string | null;
          id: string;
          idempotency_key: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string | null;
          name_skeleton: string | null;
          privacy_acknowledged_at: string;
          public_commitment: string | null;
          public_name: string | null;
          public_ward: string | null;
          public_website: string | null;
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
          target_date: string | null;
          ward: string | null;
          website: string | null;
        };
        ComputedFields: never;
        Insert: {
          actions?: string[];
          approval_noticed_at?: string | null;
          channel?: Database["public"]["Enums"]["pledge_channel"];
          charter_version: string;
          commitment?: string | null;
          contact_email?: string | null;
          contact_erased_at?: string | null;
          contact_name?: string | null;
          created_at?: string;
          decided_at?: string | null;
          erased_at?: string | null;
          form_dated?: string | null;
          id?: string;
          idempotency_key: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name?: string | null;
          name_skeleton?: never;
          privacy_acknowledged_at: string;
          public_commitment?: never;
          public_name?: never;
          public_ward?: never;
          public_website?: never;
          reference: string;
          status?: Database["public"]["Enums"]["pledge_status"];
          target_date?: string | null;
          ward?: string | null;
          website?: string | null;
        };
        Update: {
          actions?: string[];
          approval_noticed_at?: string | null;
          channel?: Database["public"]["Enums"]["pledge_channel"];
          charter_version?: string;
          commitment?: string | null;
          contact_email?: string | null;
          contact_erased_at?: string | null;
          contact_name?: string | null;
          created_at?: string;
          decided_at?: string | null;
          erased_at?: string | null;
          form_dated?: string | null;
          id?: string;
          idempotency_key?: string;
          kind?: string;
          listing?: Database["public"]["Enums"]["pledge_listing"];
          name?: string | null;
          name_skeleton?: never;
          privacy_acknowledged_at?: string;
          public_commitment?: never;
          public_name?: never;
          public_ward?: never;
          public_website?: never;
          reference?: string;
          status?: Database["public"]["Enums"]["pledge_status"];
          target_date?: string | null;
          ward?: string | null;
          website?: string | null;
        };
        Relationships: [];
      };
    };
    Views: {
      public_signatories: {
        Row: {
          actions: string[];
          commitment: string | null;
          id: string;
          kind: string;
          listed_at: string | null;
          name: string | null;
          target_date: string | null;
          ward: string | null;
          website: string | null;
        };
        ComputedFields: never;
        Insert: {
          actions?: string[] | null;
          commitment?: string | null;
          id?: string | null;
          kind?: string | null;
          listed_at?: string | null;
          name?: string | null;
          target_date?: string | null;
          ward?: string | null;
          website?: string | null;
        };
        Update: {
          actions?: string[] | null;
          commitment?: string | null;
          id?: string | null;
          kind?: string | null;
          listed_at?: string | null;
          name?: string | null;
          target_date?: string | null;
          ward?: string | null;
          website?: string | null;
        };
        Relationships: [];
      };
    };
    Functions: {
      add_officer: {
        Args: { actor: string; address: string; officer_name: string };
        Returns: {
          email: string;
          name: string;
          outcome: string;
        }[];
      };
      apply_public_fields: { Args: { fields: Json; pledge: string }; Returns: Json };
      apply_retention: { Args: { rejected_days: number; withdrawn_days: number }; Returns: number };
      check_in_occasions: {
        Args: { approved_at: string; target: string };
        Returns: {
          due_at: string;
          occasion: string;
        }[];
      };
      check_in_records: {
        Args: { only_pledge: string; only_waiting: boolean };
        Returns: {
          answers: Json;
          evidence_published: boolean;
          id: string;
          name: string;
          pledge_id: string;
          reason: string;
          reference: string;
          review: string;
          reviewed_at: string;
          reviewed_by: string;
          source: string;
          statement: string;
          submitted_at: string;
        }[];
      };
      claim_approval_notices: {
        Args: { max_count: number };
        Returns: {
          contact_email: string;
          contact_name: string;
          id: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string;
          reference: string;
        }[];
      };
      claim_confirmation_reminders: {
        Args: { after_days: number; max_count: number };
        Returns: {
          code: string;
          contact_email: string;
          reference: string;
        }[];
      };
      claim_due_check_ins: {
        Args: { max_count: number };
        Returns: {
          contact_email: string;
          occasion: string;
          reference: string;
        }[];
      };
      commitment_json: { Args: { commitment: string }; Returns: Json };
      confirm_pledge_by_link: { Args: { pledge_reference: string }; Returns: string };
      confirm_pledge_with_code: { Args: { pledge_reference: string; typed_code: string }; Returns: string };
      confirmation_code_hash: { Args: { code: string; pledge: string }; Returns: string };
      current_officer: {
        Args: { address: string };
        Returns: {
          added_at: string;
          added_by: string;
          email: string;
          id: string;
          name: string;
          removed_at: string | null;
          removed_by: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "officers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      delete_unconfirmed_pledges: { Args: { after_days: number }; Returns: number };
      erase_pledge: { Args: { pledge_id: string }; Returns: boolean };
      export_pledges: {
        Args: { only_pledge?: string };
        Returns: {
          actions: string[];
          channel: Database["public"]["Enums"]["pledge_channel"];
          charter_version: string;
          commitment: string;
          contact_email: string;
          contact_name: string;
          created_at: string;
          decided_at: string;
          history: Json;
          id: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string;
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
          target_date: string;
          ward: string;
          website: string;
        }[];
      };
      issue_confirmation_code: {
        Args: { pledge_reference: string };
        Returns: {
          code: string;
          contact_email: string;
          reference: string;
        }[];
      };
      list_officers: {
        Args: Record<PropertyKey, never>;
        Returns: {
          added_at: string;
          added_by: string;
          email: string;
          name: string;
        }[];
      };
      list_pledges: {
        Args: { only_status?: Database["public"]["Enums"]["pledge_status"] };
        Returns: {
          created_at: string;
          id: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string;
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
        }[];
      };
      new_pledge_reference: { Args: Record<PropertyKey, never>; Returns: string };
      officer_changes_waiting: {
        Args: { token: string };
        Returns: {
          id: string;
          kind: string;
          name: string;
          reference: string;
          requested_at: string;
          status: Database["public"]["Enums"]["pledge_status"];
        }[];
      };
      officer_check_ins_for: {
        Args: { pledge: string; token: string };
        Returns: {
          answers: Json;
          evidence_published: boolean;
          id: string;
          name: string;
          pledge_id: string;
          reason: string;
          reference: string;
          review: string;
          reviewed_at: string;
          reviewed_by: string;
          source: string;
          statement: string;
          submitted_at: string;
        }[];
      };
      officer_check_ins_waiting: {
        Args: { token: string };
        Returns: {
          answers: Json;
          evidence_published: boolean;
          id: string;
          name: string;
          pledge_id: string;
          reason: string;
          reference: string;
          review: string;
          reviewed_at: string;
          reviewed_by: string;
          source: string;
          statement: string;
          submitted_at: string;
        }[];
      };
      officer_commitments: {
        Args: { pledge: string; token: string };
        Returns: {
          action_id: string;
          evidence_accepted_at: string;
          evidence_url: string;
          id: string;
          note: string;
          status: Database["public"]["Enums"]["commitment_status"];
          status_since: string;
        }[];
      };
      officer_decide_check_in: {
        Args: { check_in: string; decision: string; reason?: string; token: string };
        Returns: string;
      };
      officer_decide_pledge_change: {
        Args: { approve: boolean; change?: number; pledge: string; reason?: string; token: string };
        Returns: string;
      };
      officer_discard_set_aside: { Args: { queue_key: string; token: string }; Returns: undefined };
      officer_erase_pledge: { Args: { pledge: string; token: string }; Returns: boolean };
      officer_export: {
        Args: { token: string };
        Returns: Database["public"]["CompositeTypes"]["pledge_record"][];
        SetofOptions: {
          from: "*";
          to: "pledge_record";
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      officer_officers: {
        Args: { token: string };
        Returns: {
          added_at: string;
          added_by: string;
          email: string;
          name: string;
        }[];
      };
      officer_overview: {
        Args: { token: string };
        Returns: {
          changes_waiting: number;
          channel: Database["public"]["Enums"]["pledge_channel"];
          decisions_this_week: number;
          oldest_waiting: string;
          pledges: number;
          status: Database["public"]["Enums"]["pledge_status"];
        }[];
      };
      officer_pledge_changes: {
        Args: { pledge: string; token: string };
        Returns: {
          decided_at: string;
          decided_by: string;
          id: number;
          outcome: string;
          previous: Json;
          private_fields: string[];
          proposed: Json;
          reason: string;
          requested_at: string;
        }[];
      };
      officer_queue: {
        Args: {
          only_channel?: Database["public"]["Enums"]["pledge_channel"];
          only_kind?: string;
          only_status?: Database["public"]["Enums"]["pledge_status"];
          only_ward?: string;
          search?: string;
          token: string;
        };
        Returns: {
          channel: Database["public"]["Enums"]["pledge_channel"];
          created_at: string;
          id: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string;
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
          waiting_hours: number;
          ward: string;
        }[];
      };
      officer_recent_activity: {
        Args: { max_rows?: number; token: string };
        Returns: {
          action: string;
          at: string;
          detail: string;
          done_by: string;
          reference: string;
        }[];
      };
      officer_record: {
        Args: {
          action: string;
          detail?: string;
          officer: Omit<
            Database["public"]["Tables"]["officers"]["Row"],
            Database["public"]["Tables"]["officers"]["ComputedFields"]
          >;
          pledge?: string;
        };
        Returns: undefined;
      };
      officer_record_check_in: {
        Args: { answers: Json; pledge: string; statement: string; token: string };
        Returns: string;
      };
      officer_request_code: {
        Args: { address: string };
        Returns: {
          code: string;
          email: string;
          name: string;
        }[];
      };
      officer_secret_hash: { Args: { secret: string }; Returns: string };
      officer_session: {
        Args: { token: string };
        Returns: {
          email: string;
          name: string;
        }[];
      };
      officer_set_pledge_status: {
        Args: {
          new_status: Database["public"]["Enums"]["pledge_status"];
          pledge: string;
          reason?: string;
          token: string;
        };
        Returns: {
          id: string;
          previous_status: Database["public"]["Enums"]["pledge_status"];
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
        }[];
      };
      officer_show_pledge: {
        Args: { id_or_reference: string; token: string };
        Returns: Database["public"]["CompositeTypes"]["pledge_record"][];
        SetofOptions: {
          from: "*";
          to: "pledge_record";
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      officer_sign_in: {
        Args: { address: string; typed_code: string };
        Returns: {
          expires_at: string;
          name: string;
          session_token: string;
        }[];
      };
      officer_sign_out: { Args: { token: string }; Returns: boolean };
      officer_similar_pledges: {
        Args: { pledge: string; token: string };
        Returns: {
          channel: Database["public"]["Enums"]["pledge_channel"];
          contact_email: string;
          created_at: string;
          id: string;
          kind: string;
          name: string;
          reference: string;
          same_email: boolean;
          same_name: boolean;
          status: Database["public"]["Enums"]["pledge_status"];
          ward: string;
        }[];
      };
      officer_store_set_aside: {
        Args: { pledge: Json; token: string };
        Returns: {
          outcome: string;
          publicly_listed: boolean;
          reference: string;
        }[];
      };
      officer_take_pledge: {
        Args: { dated?: string; pledge: Json; privacy_statement: string; token: string };
        Returns: {
          outcome: string;
          publicly_listed: boolean;
          reference: string;
        }[];
      };
      pledge_change_json: { Args: { change: number }; Returns: Json };
      pledge_commitments: {
        Args: { pledge: string };
        Returns: {
          action_id: string;
          evidence_accepted_at: string;
          evidence_url: string;
          id: string;
          note: string;
          status: Database["public"]["Enums"]["commitment_status"];
          status_since: string;
        }[];
      };
      pledge_name_skeleton: { Args: { name: string }; Returns: string };
      pledge_public_fields: { Args: { pledge: string }; Returns: Json };
      pledger_change_pledge: {
        Args: { contact_name: string; fields: Json; pledge_reference: string };
        Returns: string;
      };
      pledger_check_in_commitments: {
        Args: { pledge_reference: string };
        Returns: {
          action_id: string;
          evidence_accepted_at: string;
          evidence_url: string;
          id: string;
          name: string;
          note: string;
          status: Database["public"]["Enums"]["commitment_status"];
          status_since: string;
        }[];
      };
      pledger_confirm_address_change: {
        Args: { pledge_reference: string; typed_code: string };
        Returns: {
          outcome: string;
          previous_email: string;
        }[];
      };
      pledger_request_address_change: {
        Args: { address: string; pledge_reference: string };
        Returns: {
          code: string;
          new_email: string;
          reference: string;
        }[];
      };
      pledger_request_manage_link: {
        Args: { email: string; pledge_reference: string };
        Returns: {
          contact_email: string;
          reference: string;
        }[];
      };
      pledger_subject_access: { Args: { pledge_reference: string }; Returns: Json };
      pledger_submit_check_in: { Args: { answers: Json; pledge_reference: string }; Returns: string };
      pledger_view: {
        Args: { pledge_reference: string };
        Returns: {
          actions: string[];
          channel: Database["public"]["Enums"]["pledge_channel"];
          charter_version: string;
          commitment: string;
          contact_email: string;
          contact_name: string;
          created_at: string;
          decided_at: string;
          history: Json;
          id: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string;
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
          target_date: string;
          waiting: Json;
          waiting_email: string;
          ward: string;
          website: string;
        }[];
      };
      public_check_in_dates: {
        Args: Record<PropertyKey, never>;
        Returns: {
          last_check_in_at: string;
          signatory_id: string;
        }[];
      };
      public_commitments: {
        Args: Record<PropertyKey, never>;
        Returns: {
          action_id: string;
          evidence_accepted_at: string;
          evidence_url: string;
          id: string;
          note: string;
          signatory_id: string;
          status: Database["public"]["Enums"]["commitment_status"];
          status_since: string;
        }[];
      };
      public_fields_that_differ: { Args: { earlier: Json; later: Json }; Returns: Json };
      public_former_signatories: {
        Args: Record<PropertyKey, never>;
        Returns: {
          id: string;
          listed_at: string;
          withdrawn_at: string;
        }[];
      };
      public_impact: {
        Args: Record<PropertyKey, never>;
        Returns: {
          commitments: number;
          quarter: string;
          status: Database["public"]["Enums"]["commitment_status"];
          subject: string;
          subject_kind: string;
          ward: string;
        }[];
      };
      public_progress: {
        Args: Record<PropertyKey, never>;
        Returns: {
          category: string;
          measure: string;
          pledges: number;
        }[];
      };
      public_wall_version: {
        Args: Record<PropertyKey, never>;
        Returns: {
          approved: number;
          last_decided_at: string;
          version: string;
        }[];
      };
      publish_check_in: { Args: { at: string; check_in: string; with_evidence: boolean }; Returns: undefined };
      random_confirmation_code: { Args: Record<PropertyKey, never>; Returns: string };
      random_digits: { Args: { n: number }; Returns: string };
      random_token: { Args: Record<PropertyKey, never>; Returns: string };
      release_approval_notice: { Args: { pledge_id: string }; Returns: undefined };
      remove_officer: { Args: { actor: string; address: string }; Returns: boolean };
      require_officer: {
        Args: { token: string };
        Returns: {
          added_at: string;
          added_by: string;
          email: string;
          id: string;
          name: string;
          removed_at: string | null;
          removed_by: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "officers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      session_officer: {
        Args: { token: string };
        Returns: {
          added_at: string;
          added_by: string;
          email: string;
          id: string;
          name: string;
          removed_at: string | null;
          removed_by: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "officers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      set_pledge_status: {
        Args: {
          actor: string;
          new_status: Database["public"]["Enums"]["pledge_status"];
          pledge_id: string;
          reason?: string;
        };
        Returns: {
          id: string;
          previous_status: Database["public"]["Enums"]["pledge_status"];
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
        }[];
      };
      show_pledge: {
        Args: { id_or_reference: string };
        Returns: {
          actions: string[];
          channel: Database["public"]["Enums"]["pledge_channel"];
          charter_version: string;
          commitment: string;
          contact_email: string;
          contact_name: string;
          created_at: string;
          decided_at: string;
          history: Json;
          id: string;
          kind: string;
          listing: Database["public"]["Enums"]["pledge_listing"];
          name: string;
          reference: string;
          status: Database["public"]["Enums"]["pledge_status"];
          target_date: string;
          ward: string;
          website: string;
        }[];
      };
      store_check_in_answers: { Args: { answers: Json; check_in: string; pledge: string }; Returns: undefined };
      submit_pledge: {
        Args: { pledge: Json };
        Returns: {
          outcome: string;
          publicly_listed: boolean;
          reference: string;
        }[];
      };
      utc_text: { Args: { moment: string }; Returns: string };
    };
    Enums: {
      commitment_status: "planned" | "started" | "done" | "dropped";
      pledge_channel: "online" | "assisted" | "paper";
      pledge_listing: "organisation-name" | "name-and-area" | "count-only";
      pledge_status: "unconfirmed" | "pending" | "approved" | "rejected" | "withdrawn";
    };
    CompositeTypes: {
      pledge_record: {
        id: string | null;
        reference: string | null;
        name: string | null;
        kind: string | null;
        status: Database["public"]["Enums"]["pledge_status"] | null;
        listing: Database["public"]["Enums"]["pledge_listing"] | null;
        created_at: string | null;
        ward: string | null;
        website: string | null;
        actions: string[] | null;
        commitment: string | null;
        target_date: string | null;
        contact_name: string | null;
        contact_email: string | null;
        channel: Database["public"]["Enums"]["pledge_channel"] | null;
        charter_version: string | null;
        decided_at: string | null;
        history: Json | null;
      };
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {
      commitment_status: ["planned", "started", "done", "dropped"],
      pledge_channel: ["online", "assisted", "paper"],
      pledge_listing: ["organisation-name", "name-and-area", "count-only"],
      pledge_status: ["unconfirmed", "pending", "approved", "rejected", "withdrawn"],
    },
  },
} as const;
