export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
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
      apply_retention: { Args: { rejected_days: number; withdrawn_days: number }; Returns: number };
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
      pledge_name_skeleton: { Args: { name: string }; Returns: string };
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
      release_approval_notice: { Args: { pledge_id: string }; Returns: undefined };
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
      submit_pledge: {
        Args: { pledge: Json };
        Returns: {
          outcome: string;
          publicly_listed: boolean;
          reference: string;
        }[];
      };
    };
    Enums: {
      pledge_channel: "online" | "assisted" | "paper";
      pledge_listing: "organisation-name" | "name-and-area" | "count-only";
      pledge_status: "pending" | "approved" | "rejected" | "withdrawn";
    };
    CompositeTypes: {
      [_ in never]: never;
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
      pledge_channel: ["online", "assisted", "paper"],
      pledge_listing: ["organisation-name", "name-and-area", "count-only"],
      pledge_status: ["pending", "approved", "rejected", "withdrawn"],
    },
  },
} as const;
